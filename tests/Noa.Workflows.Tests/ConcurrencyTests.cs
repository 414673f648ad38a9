using Noa.Abstractions;

namespace Noa.Workflows.Tests;

public sealed class ConcurrencyTests : IDisposable
{
    private readonly EngineHarness _h = new(o => o.MaxConcurrentActivities = 2);
    private readonly TaskCompletionSource _full = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _current;
    private int _max;

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task RunAsync_IndependentStages_RunConcurrentlyUpToMaxConcurrentActivities()
    {
        var stages = Enumerable.Range(0, 6).Select(i => new TestStage($"s{i}", ExecuteAsync)).ToArray();

        var run = _h.Engine.RunAsync(new WorkflowDefinition("w", stages), EngineHarness.Request());
        await _full.Task.WaitAsync(TimeSpan.FromSeconds(20));
        _release.SetResult();
        var record = await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(RunState.Succeeded, record.State);
        Assert.Equal(2, _max);
        Assert.All(stages, s => Assert.Equal(1, s.Executions));
    }

    [Fact]
    public async Task RunAsync_TwoRunsAtOnce_ShareTheActivitySlots()
    {
        var one = _h.Engine.RunAsync(new WorkflowDefinition("w", Enumerable.Range(0, 3).Select(i => new TestStage($"a{i}", ExecuteAsync))), EngineHarness.Request());
        var two = _h.Engine.RunAsync(new WorkflowDefinition("w", Enumerable.Range(0, 3).Select(i => new TestStage($"b{i}", ExecuteAsync))), EngineHarness.Request());
        await _full.Task.WaitAsync(TimeSpan.FromSeconds(20));
        _release.SetResult();

        await Task.WhenAll(one, two).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(2, _max);
    }

    // Holds every stage until the slots are full, so an unbounded engine would show more than two at once.
    private async Task<StageOutcome> ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _current);
        InterlockedMax(ref _max, now);
        if (now >= 2)
            _full.TrySetResult();
        await _release.Task;
        Interlocked.Decrement(ref _current);
        return StageOutcome.Success();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
