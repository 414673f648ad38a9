using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Noa.Abstractions;

namespace Noa.Workflows.Tests;

/// <summary>
/// Recovery from the run store: a scheduler finds the open runs nobody executes (a holder that died, a request the
/// in-process bus lost) and resumes them, ends them when a cancel was asked for, and gives up on a run that keeps killing
/// its process; a stopping scheduler interrupts its runs instead of cancelling them.
/// </summary>
public sealed class RecoveryTests : IAsyncLifetime
{
    private readonly EngineHarness _h = new();
    private readonly List<RunScheduler> _schedulers = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var scheduler in _schedulers)
            await scheduler.StopAsync(CancellationToken.None);
        _h.Dispose();
    }

    [Fact]
    public async Task Startup_RunHeldByAProcessThatDied_IsResumedWithoutRedoingFinishedStages()
    {
        var (first, second) = (TestStage.Ok("first"), TestStage.Ok("second", "first"));
        var runId = await OrphanAsync(StageStatus.Succeeded);

        await StartSchedulerAsync(first, second);
        var ended = await WaitForEndAsync(runId);

        Assert.Equal(RunState.Succeeded, ended.State);
        Assert.Equal((0, 1), (first.Executions, second.Executions));
        Assert.Equal("Abandoned", (await _h.AttemptsAsync(runId, "second"))[0].ErrorType);
        Assert.Null(ended.Owner);
    }

    [Fact]
    public async Task Startup_QueuedRunWhoseRequestTheBusLost_IsStarted()
    {
        var stage = TestStage.Ok("first");
        var runId = "run_" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        // Queued by a gateway whose in-process bus died with it: no StartRun anywhere.
        await _h.Store.SaveRunAsync(new RunRecord { RunId = runId, Workflow = DigestWorkflow.Name, Request = EngineHarness.Request(), State = RunState.Queued, CreatedAt = now, UpdatedAt = now });

        await StartSchedulerAsync(stage);

        Assert.Equal(RunState.Succeeded, (await WaitForEndAsync(runId)).State);
        Assert.Equal(1, stage.Executions);
    }

    [Fact]
    public async Task Startup_QueuedRunWithItsRequestOnTheBus_IsLeftToTheRequest()
    {
        var runId = "run_" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        await _h.Store.SaveRunAsync(new RunRecord { RunId = runId, Workflow = DigestWorkflow.Name, Request = EngineHarness.Request(), State = RunState.Queued, CreatedAt = now, UpdatedAt = now });
        await _h.Bus.PublishAsync(StartRun.Stream, new BusMessage(StartRun.MessageType, JsonSerializer.Serialize(new StartRun(runId), JsonSerializerOptions.Web)));
        var recovery = new RunRecovery(_h.CreateEngine(TimeProvider.System), _h.Store, _h.Store, _h.Bus, TimeProvider.System, new RunSchedulerOptions(), NullLogger.Instance);

        Assert.Empty(await recovery.FindAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Recovery_RunHeldByALiveProcess_IsLeftAlone()
    {
        var runId = await OrphanAsync(StageStatus.Succeeded);
        var live = _h.CreateEngine(TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        Assert.True(await _h.Store.TryLeaseRunAsync(runId, live.Owner, now, now.AddMinutes(1), replacing: (await _h.Store.GetRunAsync(runId))!.Owner));
        var recovery = new RunRecovery(_h.CreateEngine(TimeProvider.System), _h.Store, _h.Store, _h.Bus, TimeProvider.System, new RunSchedulerOptions(), NullLogger.Instance);

        Assert.Empty(await recovery.FindAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Startup_OrphanedRunWithACancelRequest_EndsCancelledInsteadOfResuming()
    {
        var (first, second) = (TestStage.Ok("first"), TestStage.Ok("second", "first"));
        var runId = await OrphanAsync(StageStatus.Succeeded);
        Assert.True(await _h.Store.RequestCancelAsync(runId, "key_ana"));

        await StartSchedulerAsync(first, second);
        var ended = await WaitForEndAsync(runId);

        Assert.Equal((RunState.Cancelled, "cancelled by key_ana"), (ended.State, ended.Reason));
        Assert.Equal(0, second.Executions);
        Assert.All(await _h.Store.GetAttemptsAsync(runId), a => Assert.NotNull(a.Status));
        // Published right after the record is saved: event streams following the run end with its final state.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        IReadOnlyList<RunEvent> events;
        while (!(events = await _h.EventsAsync(runId)).Any(e => e.Type == "RunCompleted") && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.Equal("cancelled", Assert.Single(events, e => e.Type == "RunCompleted").Status);
    }

    [Fact]
    public async Task Startup_RunResumedTooOften_FailsWithTheReason()
    {
        var stage = TestStage.Ok("second", "first");
        var runId = await OrphanAsync(StageStatus.Succeeded);
        for (var i = 0; i < 3; i++)
            await _h.Store.AppendAsync(new AuditRecord { At = DateTimeOffset.UtcNow, Actor = "system", Action = "RunResumed", RunId = runId });

        await StartSchedulerAsync(TestStage.Ok("first"), stage);
        var ended = await WaitForEndAsync(runId);

        Assert.Equal(RunState.Failed, ended.State);
        Assert.Contains("stopped 4 times", ended.Reason);
        Assert.Equal(0, stage.Executions);
    }

    [Fact]
    public async Task Stop_WhileARunExecutes_InterruptsItAndANewSchedulerFinishesIt()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new TestStage("first", async (_, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return StageOutcome.Success();
        });
        var runId = "run_" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        await _h.Store.SaveRunAsync(new RunRecord { RunId = runId, Workflow = DigestWorkflow.Name, Request = EngineHarness.Request(), State = RunState.Queued, CreatedAt = now, UpdatedAt = now });
        await _h.Bus.PublishAsync(StartRun.Stream, new BusMessage(StartRun.MessageType, JsonSerializer.Serialize(new StartRun(runId), JsonSerializerOptions.Web)));
        var stopping = await StartSchedulerAsync(slow);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await stopping.StopAsync(CancellationToken.None);
        _schedulers.Remove(stopping);

        var interrupted = (await _h.Store.GetRunAsync(runId))!;
        Assert.Equal((RunState.Running, null), (interrupted.State, interrupted.Owner));
        Assert.StartsWith("interrupted:", interrupted.Reason);
        Assert.DoesNotContain(await _h.EventsAsync(runId), e => e.Type == "RunCompleted");
        await StartSchedulerAsync(TestStage.Ok("first"));
        Assert.Equal(RunState.Succeeded, (await WaitForEndAsync(runId)).State);
    }

    [Fact]
    public async Task CancelRun_ForAnOrphanedRun_EndsItAtOnce()
    {
        var second = TestStage.Ok("second", "first");
        var runId = await OrphanAsync(StageStatus.Succeeded);
        // A scheduler already running (its startup pass is over, the next one an hour away) when a holder dies and the cancel arrives.
        var scheduler = await StartSchedulerAsync(TimeSpan.FromHours(1), TestStage.Ok("first"), second);
        await WaitForEndAsync(runId);
        var another = await OrphanAsync(StageStatus.Succeeded);
        Assert.True(await _h.Store.RequestCancelAsync(another, "key_bo"));

        await _h.Bus.PublishAsync(CancelRun.Stream, new BusMessage(CancelRun.MessageType, JsonSerializer.Serialize(new CancelRun(another, "key_bo"), JsonSerializerOptions.Web)));

        Assert.Equal((RunState.Cancelled, "cancelled by key_bo"), ((await WaitForEndAsync(another)).State, (await _h.Store.GetRunAsync(another))!.Reason));
        Assert.NotNull(scheduler);
    }

    [Fact]
    public async Task Janitor_RemovesWorkspacesOfEndedAndUnknownRuns_KeepsOpenOnes()
    {
        var root = _h.Options.WorkspaceRoot;
        var open = await OrphanAsync(StageStatus.Succeeded);
        var ended = "run_" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        await _h.Store.SaveRunAsync(new RunRecord { RunId = ended, Workflow = DigestWorkflow.Name, Request = EngineHarness.Request(), State = RunState.Failed, CreatedAt = now, UpdatedAt = now });
        foreach (var name in new[] { open, ended, "run_unknown", "not a run id" })
            File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(root, name, "intake")).FullName, "scratch"), "x");
        var janitor = new WorkspaceJanitor(_h.CreateEngine(TimeProvider.System), _h.Store, TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(_h.Options), NullLogger<WorkspaceJanitor>.Instance);

        var removed = await janitor.SweepAsync(CancellationToken.None);

        Assert.Equal([ended, "run_unknown"], removed.Order(StringComparer.Ordinal));
        Assert.True(Directory.Exists(Path.Combine(root, open)));
        Assert.True(Directory.Exists(Path.Combine(root, "not a run id")));
    }

    [Fact]
    public async Task Run_ThatFails_LeavesNoWorkspace()
    {
        var stage = new TestStage("first", (ctx, _) =>
        {
            Directory.CreateDirectory(ctx.Workspace);
            File.WriteAllText(Path.Combine(ctx.Workspace, "big"), new string('x', 10_000));
            return Task.FromResult(StageOutcome.BadInput("no such source"));
        });

        var run = await _h.Engine.RunAsync(new WorkflowDefinition("digest", [stage]), EngineHarness.Request());

        Assert.Equal(RunState.Failed, run.State);
        Assert.False(Directory.Exists(Path.Combine(_h.Options.WorkspaceRoot, run.RunId)));
    }

    // A run whose first stage ended as given and whose second is open, held by an engine that then died.
    private async Task<string> OrphanAsync(StageStatus first)
    {
        var runId = "run_" + Guid.NewGuid().ToString("N");
        var dead = _h.CreateEngine(TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        await _h.Store.SaveRunAsync(new RunRecord { RunId = runId, Workflow = DigestWorkflow.Name, Request = EngineHarness.Request(), State = RunState.Queued, CreatedAt = now, UpdatedAt = now });
        Assert.True(await _h.Store.TryLeaseRunAsync(runId, dead.Owner, now, now.AddHours(1)));
        await _h.Store.SaveRunAsync((await _h.Store.GetRunAsync(runId))! with { State = RunState.Running });
        await _h.Store.SaveAttemptAsync(new StageAttempt { RunId = runId, Stage = "first", Attempt = 1, Status = first, StartedAt = now, EndedAt = now });
        await _h.Store.SaveAttemptAsync(new StageAttempt { RunId = runId, Stage = "second", Attempt = 1, StartedAt = now });
        RunOwner.Retire(dead.Owner);
        return runId;
    }

    private Task<RunScheduler> StartSchedulerAsync(params IStage[] stages) => StartSchedulerAsync(TimeSpan.FromMilliseconds(200), stages);

    private async Task<RunScheduler> StartSchedulerAsync(TimeSpan recoveryInterval, params IStage[] stages)
    {
        var options = new RunSchedulerOptions { ReadBlock = TimeSpan.FromMilliseconds(100), RecoveryInterval = recoveryInterval };
        var scheduler = new RunScheduler(_h.CreateEngine(TimeProvider.System), stages, Microsoft.Extensions.Options.Options.Create(new WorkflowOptions()), _h.Store, _h.Store, _h.Bus, TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(options), NullLogger<RunScheduler>.Instance);
        await scheduler.StartAsync(CancellationToken.None);
        _schedulers.Add(scheduler);
        return scheduler;
    }

    private async Task<RunRecord> WaitForEndAsync(string runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await _h.Store.GetRunAsync(runId) is { State: not (RunState.Queued or RunState.Running) } ended)
                return ended;
            await Task.Delay(50);
        }
        throw new TimeoutException($"run {runId} did not end");
    }
}
