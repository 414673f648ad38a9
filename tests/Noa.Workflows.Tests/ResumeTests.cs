using System.Text;
using Noa.Abstractions;

namespace Noa.Workflows.Tests;

public sealed class ResumeTests : IDisposable
{
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task ResumeAsync_AfterProcessStoppedMidStage_SkipsDoneStagesAndRetriesTheAbandonedOne()
    {
        var first = new TestStage("first", async (ctx, ct) =>
        {
            await ctx.Artifacts.WriteAsync("first.txt", new MemoryStream("from the first process"u8.ToArray()), "text/plain", ct);
            return StageOutcome.Success();
        });
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hang = new TestStage("second", async (_, _) =>
        {
            started.TrySetResult();
            await new TaskCompletionSource().Task; // the process "dies" here: never completes, never sees a token
            return StageOutcome.Success();
        }, "first");

        // The "first process": its run never ends, and we stop paying attention to it; it "dies" (its holder name retires).
        var dying = _h.CreateEngine();
        _ = dying.RunAsync(new WorkflowDefinition("digest", [first, hang]), EngineHarness.Request(), "run_killed");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        RunOwner.Retire(dying.Owner);

        string? seen = null;
        var second = new TestStage("second", async (ctx, ct) =>
        {
            await using var read = await ctx.Artifacts.OpenReadAsync("first.txt", ct);
            seen = await new StreamReader(read!, Encoding.UTF8).ReadToEndAsync(ct);
            return StageOutcome.Success();
        }, "first");
        var restarted = _h.CreateEngine(freshStores: true);
        var record = await restarted.ResumeAsync(new WorkflowDefinition("digest", [first, second]), "run_killed");

        Assert.Equal(RunState.Succeeded, record.State);
        Assert.Equal((1, 1), (first.Executions, second.Executions));
        Assert.Equal("from the first process", seen);
        var attempts = await _h.AttemptsAsync("run_killed", "second");
        Assert.Equal([(1, StageStatus.Failed, "Abandoned"), (2, StageStatus.Succeeded, null)],
            attempts.Select(a => (a.Attempt, a.Status!.Value, a.ErrorType)));
        Assert.Single(await _h.Store.QueryAsync(new AuditQuery("run_killed", "RunResumed")));
    }

    [Fact]
    public async Task ResumeAsync_CancelledRun_ContinuesWhereItStopped()
    {
        var first = TestStage.Ok("first");
        var calls = 0;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TestStage("second", async (_, ct) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
            }
            return StageOutcome.Success();
        }, "first");
        var definition = new WorkflowDefinition("digest", [first, second]);
        using var cancel = new CancellationTokenSource();
        var run = _h.Engine.RunAsync(definition, EngineHarness.Request(), "run_again", cancel.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await cancel.CancelAsync();
        Assert.Equal(RunState.Cancelled, (await run).State);

        var record = await _h.Engine.ResumeAsync(definition, "run_again");

        Assert.Equal(RunState.Succeeded, record.State);
        Assert.Equal((1, 2), (first.Executions, second.Executions));
    }

    [Fact]
    public async Task ResumeAsync_FinishedRun_ReturnsItUnchangedWithoutExecuting()
    {
        var stage = TestStage.Ok("only");
        var definition = new WorkflowDefinition("digest", [stage]);
        var done = await _h.Engine.RunAsync(definition, EngineHarness.Request());

        var again = await _h.Engine.ResumeAsync(definition, done.RunId);

        Assert.Equal((RunState.Succeeded, done.UpdatedAt), (again.State, again.UpdatedAt));
        Assert.Equal(1, stage.Executions);
    }

    [Fact]
    public async Task ResumeAsync_OnlyNamesAStageTheDefinitionLost_ThrowsAndLeavesTheRunAlone()
    {
        var definition = new WorkflowDefinition("digest", [TestStage.Ok("a"), TestStage.Ok("b", "a")]);
        await _h.Store.SaveRunAsync(new RunRecord
        {
            RunId = "run_old", Workflow = "digest", Request = EngineHarness.Request("gone"), State = RunState.Running,
            CreatedAt = _h.Clock.GetUtcNow(), UpdatedAt = _h.Clock.GetUtcNow(),
        });

        var e = await Assert.ThrowsAsync<ArgumentException>(() => _h.Engine.ResumeAsync(definition, "run_old"));

        Assert.Contains("'gone'", e.Message);
        Assert.Equal(RunState.Running, (await _h.Store.GetRunAsync("run_old"))!.State);
    }

    [Fact]
    public async Task ResumeAsync_UnknownRun_ThrowsNamingIt()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            _h.Engine.ResumeAsync(new WorkflowDefinition("digest", [TestStage.Ok("a")]), "run_ghost"));

        Assert.Contains("run_ghost", e.Message);
    }
}
