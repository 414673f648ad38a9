using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Noa.Abstractions;

namespace Noa.Workflows.Tests;

/// <summary>Activities dispatched on task queues and executed by stage workers, on the in-process bus with real time.</summary>
public sealed class BusDispatchTests : IAsyncLifetime
{
    private readonly EngineHarness _h = new(o =>
    {
        o.Dispatch = ActivityDispatch.Bus;
        // Real time: heartbeats every lease/3 must land even when other test assemblies load both cores.
        o.TaskLease = TimeSpan.FromSeconds(2);
        o.DefaultRetryPolicy = new RetryPolicy { InitialInterval = TimeSpan.FromMilliseconds(10), MaximumAttempts = 2 };
        o.RetryPollInterval = TimeSpan.FromMilliseconds(50);
    });
    private readonly List<Microsoft.Extensions.Hosting.BackgroundService> _workers = [];
    private WorkflowEngine? _engine;

    private WorkflowEngine Engine => _engine ??= _h.CreateEngine(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
            await worker.StopAsync(CancellationToken.None);
        if (_engine is not null)
            await _engine.DisposeAsync();
        _h.Dispose();
    }

    [Fact]
    public async Task Run_BusDispatch_WorkersExecuteEveryStageAndRecordThemselvesOnTheAttempts()
    {
        var intake = new TestStage("intake", async (ctx, ct) =>
        {
            await ctx.Artifacts.WriteAsync("provenance.json", new MemoryStream("{\"v\":1}"u8.ToArray()), "application/json", ct);
            return StageOutcome.Success("snapshotted");
        });
        var classifier = new TestStage("classifier", async (ctx, ct) =>
        {
            await using var provenance = await ctx.Artifacts.OpenReadAsync("provenance.json", ct);
            Assert.NotNull(provenance);
            await ctx.Artifacts.WriteAsync("profile.json", new MemoryStream("{}"u8.ToArray()), "application/json", ct);
            return StageOutcome.Success("classified");
        }, "intake");
        await StartWorkersAsync(intake, classifier);

        var run = await Engine.RunAsync(new WorkflowDefinition("digest", [intake, classifier]), EngineHarness.Request()).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunState.Succeeded, run.State);
        var attempts = await _h.Store.GetAttemptsAsync(run.RunId);
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a =>
        {
            Assert.Equal(StageStatus.Succeeded, a.Status);
            Assert.Contains($"-{Environment.ProcessId}-{a.Stage}-", a.Worker);
            Assert.NotNull(a.HeartbeatAt);
        });
        Assert.Equal("classified", attempts.Single(a => a.Stage == "classifier").Summary);
        Assert.Equal(["profile.json", "provenance.json"], (await _h.Store.GetArtifactsAsync(run.RunId)).Select(a => a.Path));
        Assert.Equal((1, 1), (intake.Executions, classifier.Executions));
    }

    [Fact]
    public async Task Run_WorkerDiesHoldingTheTask_AnotherWorkerExecutesTheSameAttemptAfterTheLease()
    {
        var stage = TestStage.Ok("classifier");
        var running = Engine.RunAsync(new WorkflowDefinition("digest", [stage]), EngineHarness.Request());
        // A worker that takes the task and then dies: it never heartbeats, executes or acknowledges.
        var read = new ConsumeOptions { Lease = _h.Options.TaskLease, Block = TimeSpan.FromSeconds(10) };
        var taken = Assert.Single(await _h.Bus.ReadAsync(TaskQueues.For("classifier"), TaskQueues.WorkerGroup, "dead-worker", read));
        await StartWorkersAsync(stage);

        var run = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunState.Succeeded, run.State);
        var attempt = Assert.Single(await _h.Store.GetAttemptsAsync(run.RunId));
        Assert.Equal((1, StageStatus.Succeeded), (attempt.Attempt, attempt.Status));
        Assert.Contains($"-{Environment.ProcessId}-classifier-", attempt.Worker);
        Assert.Equal(1, stage.Executions);
        Assert.Equal(1, taken.DeliveryCount);
    }

    [Fact]
    public async Task Run_StageLongerThanSeveralLeases_HeartbeatsKeepItOnOneWorker()
    {
        var stage = new TestStage("classifier", async (ctx, ct) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5000), ct);
            return StageOutcome.Success();
        });
        await StartWorkersAsync(stage);
        await StartWorkersAsync(stage);

        var run = await Engine.RunAsync(new WorkflowDefinition("digest", [stage]), EngineHarness.Request()).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal(1, stage.Executions);
        var attempt = Assert.Single(await _h.Store.GetAttemptsAsync(run.RunId));
        Assert.True(attempt.HeartbeatAt > attempt.StartedAt + _h.Options.TaskLease, $"last heartbeat {attempt.HeartbeatAt:O}, started {attempt.StartedAt:O}");
    }

    [Fact]
    public async Task Run_WorkerFailsTheAttempt_EngineRetriesOnTheQueueWithANewAttempt()
    {
        var stage = new TestStage("classifier", (ctx, _) => Task.FromResult(ctx.Attempt == 1
            ? StageOutcome.Fail("Flaky", "first attempt fails")
            : StageOutcome.Success("second time lucky")));
        await StartWorkersAsync(stage);
        await StartRetryPollerAsync();

        var run = await Engine.RunAsync(new WorkflowDefinition("digest", [stage]), EngineHarness.Request()).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunState.Succeeded, run.State);
        var attempts = await _h.AttemptsAsync(run.RunId, "classifier");
        Assert.Equal([(StageStatus.Failed, "Flaky"), (StageStatus.Succeeded, null)], attempts.Select(a => (a.Status!.Value, a.ErrorType)));
        Assert.Equal("first attempt fails", attempts[0].Message);
    }

    [Fact]
    public async Task Run_WorkerRecordsTheEndedAttempt_TheEngineWritesOnlyTheStart()
    {
        var stage = TestStage.Ok("classifier");
        await StartWorkersAsync(stage);
        var counted = new Freezer();
        RunRecord run;
        await using (var engine = new WorkflowEngine(counted.Wrap<IRunStore>(_h.Store), _h.Store, _h.Artifacts, _h.Bus, _h.Delays, TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(_h.Options), NullLogger<WorkflowEngine>.Instance, EngineHarness.Meters))
            run = await engine.RunAsync(new WorkflowDefinition("digest", [stage]), EngineHarness.Request()).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal(1, counted.Calls(nameof(IRunStore.SaveAttemptAsync)));
        var attempt = Assert.Single(await _h.Store.GetAttemptsAsync(run.RunId));
        Assert.Equal((StageStatus.Succeeded, "classifier done"), (attempt.Status!.Value, attempt.Summary));
        Assert.NotNull(attempt.EndedAt);
    }

    [Fact]
    public async Task Run_GateFailsOnAWorker_BlocksTheRunLikeInProcess()
    {
        var safety = new TestStage("safety", (_, _) => Task.FromResult(StageOutcome.Gate("critical CVE")));
        var runner = TestStage.Ok("runner", "safety=pass");
        await StartWorkersAsync(safety, runner);

        var run = await Engine.RunAsync(new WorkflowDefinition("digest", [safety, runner]), EngineHarness.Request()).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((RunState.Blocked, "critical CVE"), (run.State, run.Reason));
        Assert.Equal(0, runner.Executions);
    }

    [Fact]
    public async Task Cancel_WhileAWorkerExecutes_TheWorkerStopsTheStageAtItsNextHeartbeat()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stage = new TestStage("classifier", async (_, ct) =>
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
            }
            catch (OperationCanceledException)
            {
                stopped.TrySetResult();
                throw;
            }
            return StageOutcome.Success();
        });
        await StartWorkersAsync(stage);
        var running = Engine.RunAsync(new WorkflowDefinition("digest", [stage]), EngineHarness.Request());
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var runId = Assert.Single(await _h.Store.ListRunsAsync(new RunQuery())).RunId;

        await Engine.CancelAsync(runId);

        Assert.Equal(RunState.Cancelled, (await running.WaitAsync(TimeSpan.FromSeconds(10))).State);
        await stopped.Task.WaitAsync(_h.Options.TaskLease * 2);
        var attempt = Assert.Single(await _h.Store.GetAttemptsAsync(runId));
        Assert.Equal((StageStatus.Failed, "Cancelled"), (attempt.Status!.Value, attempt.ErrorType));
    }

    [Fact]
    public async Task Run_NoWorkerTakesTheTask_AttemptTimesOutOnTheEngine()
    {
        _h.Options.DefaultStartToCloseTimeout = TimeSpan.FromMilliseconds(300);
        _h.Options.DefaultRetryPolicy = new RetryPolicy { MaximumAttempts = 1 };
        var stage = TestStage.Ok("classifier");

        var run = await Engine.RunAsync(new WorkflowDefinition("digest", [stage]), EngineHarness.Request()).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunState.Failed, run.State);
        Assert.Equal(StageFailure.Timeout, Assert.Single(await _h.Store.GetAttemptsAsync(run.RunId)).ErrorType);
    }

    [Fact]
    public async Task Retry_ScheduledByAnEngineThatThenDies_IsPublishedByAnotherPoller_AndTheTakeoverKeepsItsResult()
    {
        _h.Options.DefaultRetryPolicy = new RetryPolicy { InitialInterval = TimeSpan.FromMilliseconds(500), MaximumAttempts = 3 };
        var stage = new TestStage("classifier", (ctx, _) => Task.FromResult(ctx.Attempt == 1
            ? StageOutcome.Fail("Flaky", "first attempt fails")
            : StageOutcome.Success("second time lucky")));
        var definition = new WorkflowDefinition("digest", [stage]);
        await StartWorkersAsync(stage);
        var dying = new Freezer();
        var engine = new WorkflowEngine(dying.Wrap<IRunStore>(_h.Store), dying.Wrap<IAuditLog>(_h.Store), _h.Artifacts, dying.Wrap<IMessageBus>(_h.Bus),
            dying.Wrap<IDelayQueue>(_h.Delays), TimeProvider.System, Microsoft.Extensions.Options.Options.Create(_h.Options), NullLogger<WorkflowEngine>.Instance, EngineHarness.Meters);
        _ = engine.RunAsync(definition, EngineHarness.Request(), "run_dies");
        await WaitForAsync(() => Task.FromResult(dying.Calls(nameof(IDelayQueue.ScheduleAsync)) == 1 ? "scheduled" : null));
        dying.Freeze();
        RunOwner.Retire(engine.Owner); // the process is gone: its run lease no longer holds
        var scheduled = (await _h.AttemptsAsync("run_dies", "classifier"))[1];

        // Another orchestrator: its poller publishes the due retry, a worker executes it, and its takeover finds the stage done.
        await StartRetryPollerAsync();
        var retried = await WaitForAsync(async () => (await _h.AttemptsAsync("run_dies", "classifier")).FirstOrDefault(a => a is { Attempt: 2, Status: not null }));
        var run = await Engine.ResumeAsync(definition, "run_dies").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal((StageStatus.Succeeded, 2), (retried.Status!.Value, stage.Executions));
        Assert.NotNull(retried.Worker);
        var attempts = await _h.AttemptsAsync("run_dies", "classifier");
        Assert.Equal(2, attempts.Length);
        Assert.True(scheduled.StartedAt >= attempts[0].EndedAt!.Value + TimeSpan.FromMilliseconds(500), $"attempt 2 due {scheduled.StartedAt:O}, attempt 1 ended {attempts[0].EndedAt:O}");
    }

    [Fact]
    public async Task Resume_BeforeAScheduledRetryIsDue_KeepsTheAttemptAndWaitsForItInsteadOfAbandoningIt()
    {
        _h.Options.DefaultRetryPolicy = new RetryPolicy { InitialInterval = TimeSpan.FromSeconds(2), MaximumAttempts = 3 };
        var stage = new TestStage("classifier", (ctx, _) => Task.FromResult(ctx.Attempt == 1
            ? StageOutcome.Fail("Flaky", "first attempt fails")
            : StageOutcome.Success("second time lucky")));
        var definition = new WorkflowDefinition("digest", [stage]);
        await StartWorkersAsync(stage);
        var dying = new Freezer();
        var engine = new WorkflowEngine(dying.Wrap<IRunStore>(_h.Store), dying.Wrap<IAuditLog>(_h.Store), _h.Artifacts, dying.Wrap<IMessageBus>(_h.Bus),
            dying.Wrap<IDelayQueue>(_h.Delays), TimeProvider.System, Microsoft.Extensions.Options.Options.Create(_h.Options), NullLogger<WorkflowEngine>.Instance, EngineHarness.Meters);
        _ = engine.RunAsync(definition, EngineHarness.Request(), "run_early");
        await WaitForAsync(() => Task.FromResult(dying.Calls(nameof(IDelayQueue.ScheduleAsync)) == 1 ? "scheduled" : null));
        dying.Freeze();
        RunOwner.Retire(engine.Owner); // the process is gone: its run lease no longer holds

        var resuming = Engine.ResumeAsync(definition, "run_early");
        await StartRetryPollerAsync();
        var run = await resuming.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunState.Succeeded, run.State);
        var attempts = await _h.AttemptsAsync("run_early", "classifier");
        Assert.Equal([(1, StageStatus.Failed), (2, StageStatus.Succeeded)], attempts.Select(a => (a.Attempt, a.Status!.Value)));
        Assert.Equal(2, stage.Executions);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (await probe() is { } found)
                return found;
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(20);
        }
    }

    private async Task StartRetryPollerAsync()
    {
        var poller = new RetryPoller(_h.Delays, _h.Bus, TimeProvider.System, Microsoft.Extensions.Options.Options.Create(_h.Options), NullLogger<RetryPoller>.Instance);
        await poller.StartAsync(CancellationToken.None);
        _workers.Add(poller);
    }

    private async Task StartWorkersAsync(params TestStage[] stages)
    {
        foreach (var stage in stages)
        {
            var worker = new StageWorker(stage, _h.Bus, _h.Store, _h.Store, _h.Artifacts, TimeProvider.System, _h.Options, NullLogger<StageWorker>.Instance, WorkflowTelemetry.For(EngineHarness.Meters));
            await worker.StartAsync(CancellationToken.None);
            _workers.Add(worker);
        }
    }
}
