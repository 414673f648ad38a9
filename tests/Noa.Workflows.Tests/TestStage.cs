using Noa.Abstractions;

namespace Noa.Workflows.Tests;

/// <summary>A stage whose behaviour is a delegate, counting its executions.</summary>
internal sealed class TestStage(string name, Func<StageContext, CancellationToken, Task<StageOutcome>>? execute = null, params string[] dependencies) : IStage
{
    private int _executions;

    public string Name { get; } = name;

    public IReadOnlyList<StageDependency> Dependencies { get; } = dependencies.Select(StageDependency.Parse).ToArray();

    public int Executions => Volatile.Read(ref _executions);

    public Task<StageOutcome> ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _executions);
        return execute?.Invoke(context, cancellationToken) ?? Task.FromResult(StageOutcome.Success($"{Name} done"));
    }

    public static TestStage Ok(string name, params string[] dependencies) => new(name, null, dependencies);
}
