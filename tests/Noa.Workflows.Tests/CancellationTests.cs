using Noa.Abstractions;

namespace Noa.Workflows.Tests;

public sealed class CancellationTests : IDisposable
{
    private readonly EngineHarness _h = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task RunAsync_TokenCancelled_EndsRunCancelledWithoutStartingDependents()
    {
        var (definition, after) = Definition();
        using var cancel = new CancellationTokenSource();

        var run = _h.Engine.RunAsync(definition, EngineHarness.Request(), cancellationToken: cancel.Token);
        await _started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await cancel.CancelAsync();
        var record = await run.WaitAsync(TimeSpan.FromSeconds(20));

        await AssertCancelledAsync(record, after);
    }

    [Fact]
    public async Task CancelAsync_RunningRun_EndsRunCancelledAndRecordsIt()
    {
        var (definition, after) = Definition();

        var run = _h.Engine.RunAsync(definition, EngineHarness.Request(), "run_cancel_me");
        await _started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await _h.Engine.CancelAsync("run_cancel_me");

        // CancelAsync returns once the cancellation is recorded (RunAsync's own return may trail it).
        Assert.Equal(RunState.Cancelled, (await _h.Store.GetRunAsync("run_cancel_me"))!.State);
        await AssertCancelledAsync(await run.WaitAsync(TimeSpan.FromSeconds(20)), after);
    }

    [Fact]
    public async Task CancelAsync_UnknownRun_DoesNothing()
    {
        await _h.Engine.CancelAsync("run_nobody");
    }

    private (WorkflowDefinition, TestStage) Definition()
    {
        var hang = new TestStage("hang", async (_, ct) =>
        {
            _started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return StageOutcome.Success();
        }, "first");
        var after = TestStage.Ok("after", "hang");
        return (new WorkflowDefinition("w", [TestStage.Ok("first"), hang, after]), after);
    }

    private async Task AssertCancelledAsync(RunRecord record, TestStage after)
    {
        Assert.Equal(RunState.Cancelled, record.State);
        Assert.Equal(RunState.Cancelled, (await _h.Store.GetRunAsync(record.RunId))!.State);
        Assert.Equal(0, after.Executions);
        var hung = Assert.Single(await _h.AttemptsAsync(record.RunId, "hang"));
        Assert.Equal((StageStatus.Failed, "Cancelled"), (hung.Status, hung.ErrorType));
        Assert.Equal("cancelled", Assert.Single(await _h.Store.QueryAsync(new AuditQuery(record.RunId, "RunCompleted"))).Detail);
    }
}
