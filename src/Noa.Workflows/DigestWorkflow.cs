using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>The digest pipeline as a workflow: the stages the active modules registered, or the static catalogue of them.</summary>
public static class DigestWorkflow
{
    /// <summary>The workflow name recorded on digest runs.</summary>
    public const string Name = StageCatalogue.DigestWorkflow;

    /// <summary>Builds the digest DAG from the registered stages (they execute in this process).</summary>
    /// <exception cref="ArgumentException">The stages do not form a valid DAG.</exception>
    public static WorkflowDefinition Create(IEnumerable<IStage> stages) => new(Name, stages);

    /// <summary>The digest DAG of <see cref="StageCatalogue"/>, for an engine whose stages execute on workers (bus dispatch): no stage is loaded.</summary>
    public static WorkflowDefinition FromCatalogue() => new(Name, StageCatalogue.Stages);
}
