namespace Noa.Abstractions;

/// <summary>A stage as the workflow engine schedules it: its name and what it waits for. <see cref="IStage"/> adds how it runs;
/// <see cref="StageCatalogue"/> lists the digest pipeline's definitions without loading any stage.</summary>
public interface IStageDefinition
{
    /// <summary>Kebab-case stage name, unique in a pipeline (e.g. <c>intake</c>, <c>classifier</c>); also its task queue <c>tasks.{name}</c>.</summary>
    string Name { get; }

    /// <summary>Stages that must finish before this one starts.</summary>
    IReadOnlyList<StageDependency> Dependencies { get; }
}
