using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>The digest pipeline as a workflow: whatever stages the active modules registered.</summary>
public static class DigestWorkflow
{
    /// <summary>The workflow name recorded on digest runs.</summary>
    public const string Name = "digest";

    /// <summary>Builds the digest DAG from the registered stages.</summary>
    /// <exception cref="ArgumentException">The stages do not form a valid DAG.</exception>
    public static WorkflowDefinition Create(IEnumerable<IStage> stages) => new(Name, stages);
}
