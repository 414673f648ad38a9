using Noa.Abstractions;

namespace Noa.Bench.Engine;

/// <summary>A stage that does nothing, so a run's time is the engine's own.</summary>
internal sealed class NoopStage(string name, string? after) : IStage
{
    public string Name { get; } = name;

    public IReadOnlyList<StageDependency> Dependencies { get; } = after is null ? [] : [new StageDependency(after)];

    public Task<StageOutcome> ExecuteAsync(StageContext context, CancellationToken cancellationToken) => Task.FromResult(StageOutcome.Success());
}
