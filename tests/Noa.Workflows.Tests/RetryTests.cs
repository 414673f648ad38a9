using Noa.Abstractions;

namespace Noa.Workflows.Tests;

public sealed class RetryTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task RunAsync_StageFailsThenSucceeds_RetriesAfterExactBackoffDelays()
    {
        var failures = 3;
        var flaky = new TestStage("flaky", (_, _) => Task.FromResult(Interlocked.Decrement(ref failures) >= 0
            ? StageOutcome.Fail("Transient", "server busy")
            : StageOutcome.Success("ok")));
        _h.Options.DefaultRetryPolicy = new RetryPolicy { MaximumAttempts = 5 };

        var run = _h.Engine.RunAsync(new WorkflowDefinition("w", [flaky]), EngineHarness.Request());
        var delays = await AdvanceThroughRetriesAsync(run, 3);

        Assert.Equal([1, 2, 4], delays.Select(d => d.TotalSeconds));
        Assert.Equal(RunState.Succeeded, (await run).State);
        var attempts = await _h.AttemptsAsync((await run).RunId, "flaky");
        Assert.Equal([StageStatus.Failed, StageStatus.Failed, StageStatus.Failed, StageStatus.Succeeded], attempts.Select(a => a.Status!.Value));
        Assert.Equal(TimeSpan.FromSeconds(2), attempts[2].StartedAt - attempts[1].EndedAt);
        Assert.All(attempts[..3], a => Assert.Equal(("Transient", "server busy"), (a.ErrorType, a.Message)));
        var retrying = await _h.Store.QueryAsync(new AuditQuery((await run).RunId, "StageRetrying"));
        Assert.Equal(["server busy (retrying in 00:00:01)", "server busy (retrying in 00:00:02)", "server busy (retrying in 00:00:04)"], retrying.Select(r => r.Detail));
    }

    [Fact]
    public async Task RunAsync_AlwaysFailing_StopsAtMaximumAttemptsWithDelaysCappedAtMaximumInterval()
    {
        var stage = new TestStage("down", (_, _) => Task.FromResult(StageOutcome.Fail("Transient", "still down")));
        _h.Options.Stages["down"] = new StageOptions
        {
            RetryPolicy = new RetryPolicy { MaximumAttempts = 5, MaximumInterval = TimeSpan.FromSeconds(3) },
        };

        var run = _h.Engine.RunAsync(new WorkflowDefinition("w", [stage]), EngineHarness.Request());
        var delays = await AdvanceThroughRetriesAsync(run, 4);

        Assert.Equal([1, 2, 3, 3], delays.Select(d => d.TotalSeconds));
        var record = await run;
        Assert.Equal((RunState.Failed, "still down"), (record.State, record.Reason));
        Assert.Equal(5, stage.Executions);
    }

    [Fact]
    public async Task RunAsync_NonRetryableFailure_IsNotRetried()
    {
        var stage = new TestStage("bad", (_, _) => Task.FromResult(StageOutcome.BadInput("no such folder /nope")));

        var record = await _h.Engine.RunAsync(new WorkflowDefinition("w", [stage]), EngineHarness.Request());

        Assert.Equal((RunState.Failed, "no such folder /nope"), (record.State, record.Reason));
        Assert.Equal(1, stage.Executions);
        Assert.Equal(StageFailure.BadInput, Assert.Single(await _h.AttemptsAsync(record.RunId, "bad")).ErrorType);
    }

    [Theory]
    [InlineData("Quota")]
    [InlineData("InvalidOperationException")]
    [InlineData("System.InvalidOperationException")]
    public async Task RunAsync_ErrorTypeListedAsNonRetryable_IsNotRetried(string listed)
    {
        _h.Options.DefaultRetryPolicy = new RetryPolicy { NonRetryableErrorTypes = [listed] };
        var quota = new TestStage("quota", (_, _) => Task.FromResult(StageOutcome.Fail("Quota", "over quota")));
        var throws = new TestStage("throws", (_, _) => throw new InvalidOperationException("bug"));
        var stage = listed == "Quota" ? quota : throws;

        var record = await _h.Engine.RunAsync(new WorkflowDefinition("w", [stage]), EngineHarness.Request());

        Assert.Equal(RunState.Failed, record.State);
        Assert.Equal(1, stage.Executions);
    }

    [Fact]
    public async Task RunAsync_StageThrowsOnce_RecordsUnhandledAndRetries()
    {
        var calls = 0;
        var stage = new TestStage("once", (_, _) => Interlocked.Increment(ref calls) == 1
            ? throw new IOException("disk hiccup")
            : Task.FromResult(StageOutcome.Success()));

        var run = _h.Engine.RunAsync(new WorkflowDefinition("w", [stage]), EngineHarness.Request());
        Assert.Equal([TimeSpan.FromSeconds(1)], await AdvanceThroughRetriesAsync(run, 1));

        var record = await run;
        Assert.Equal(RunState.Succeeded, record.State);
        var first = (await _h.AttemptsAsync(record.RunId, "once"))[0];
        Assert.Equal((StageFailure.Unhandled, "IOException: disk hiccup"), (first.ErrorType, first.Message));
    }

    /// <summary>Advances the fake clock by exactly each retry delay the engine waits on, and returns those delays.</summary>
    private async Task<List<TimeSpan>> AdvanceThroughRetriesAsync(Task run, int retries)
    {
        var delays = new List<TimeSpan>();
        for (var i = 0; i < retries; i++)
        {
            // The run lease's renewal timer is not a retry delay.
            var due = await _h.Clock.NextTimerAsync(d => d != Timeout && d != _h.Options.RunLease / 3);
            delays.Add(due);
            _h.Clock.Advance(due);
        }
        await run.WaitAsync(TimeSpan.FromSeconds(20));
        return delays;
    }
}
