using Noa.Abstractions;

namespace Noa.Workflows.Tests;

public sealed class TimeoutTests : IDisposable
{
    private readonly EngineHarness _h = new(o => o.DefaultRetryPolicy = new RetryPolicy { MaximumAttempts = 1 });

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RunAsync_AttemptPastStartToCloseTimeout_FailsWithTimeout(bool honoursToken)
    {
        var stage = new TestStage("slow", async (_, ct) =>
        {
            if (honoursToken)
                await Task.Delay(System.Threading.Timeout.Infinite, ct);
            else
                await new TaskCompletionSource().Task;
            return StageOutcome.Success();
        });
        _h.Options.Stages["slow"] = new StageOptions { StartToCloseTimeout = TimeSpan.FromSeconds(10) };

        var run = _h.Engine.RunAsync(new WorkflowDefinition("w", [stage]), EngineHarness.Request());
        _h.Clock.Advance(await _h.Clock.NextTimerAsync(d => d == TimeSpan.FromSeconds(10)));
        var record = await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(RunState.Failed, record.State);
        var attempt = Assert.Single(await _h.AttemptsAsync(record.RunId, "slow"));
        Assert.Equal((StageStatus.Failed, StageFailure.Timeout), (attempt.Status, attempt.ErrorType));
        Assert.Equal(TimeSpan.FromSeconds(10), attempt.EndedAt - attempt.StartedAt);
    }
}
