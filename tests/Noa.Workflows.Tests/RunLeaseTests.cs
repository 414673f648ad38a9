using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Noa.Abstractions;

namespace Noa.Workflows.Tests;

/// <summary>The run lease: a scheduler renews its StartRun while the run executes; a dead scheduler's run is taken over.</summary>
public sealed class RunLeaseTests : IAsyncLifetime
{
    // Long enough that a renewal every third of it survives a loaded machine (timers firing late).
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);
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
    public async Task StartRun_OfARunningRunComesBack_AnotherSchedulerResumesTheRun()
    {
        var stage = TestStage.Ok("classifier");
        var runId = await QueueAsync();
        // A scheduler that took the request, started the run and died: the run is running, its attempt open.
        var read = new ConsumeOptions { Lease = Lease, Block = TimeSpan.FromSeconds(5) };
        Assert.Single(await _h.Bus.ReadAsync(StartRun.Stream, StartRun.Group, "dead-scheduler", read));
        var run = (await _h.Store.GetRunAsync(runId))!;
        await _h.Store.SaveRunAsync(run with { State = RunState.Running });
        await _h.Store.SaveAttemptAsync(new StageAttempt { RunId = runId, Stage = "classifier", Attempt = 1, StartedAt = DateTimeOffset.UtcNow });

        await StartSchedulerAsync(stage);
        var ended = await WaitForEndAsync(runId);

        Assert.Equal(RunState.Succeeded, ended.State);
        var attempts = await _h.AttemptsAsync(runId, "classifier");
        Assert.Equal([("Abandoned", (StageStatus?)StageStatus.Failed), (null, StageStatus.Succeeded)], attempts.Select(a => (a.ErrorType, a.Status)));
    }

    [Fact]
    public async Task StartRun_RunLongerThanSeveralLeases_IsNotTakenOverWhileItsSchedulerLives()
    {
        var stage = new TestStage("classifier", async (_, ct) =>
        {
            await Task.Delay(Lease * 2.5, ct);
            return StageOutcome.Success();
        });
        await StartSchedulerAsync(stage);
        await StartSchedulerAsync(stage);

        var ended = await WaitForEndAsync(await QueueAsync());

        Assert.Equal(RunState.Succeeded, ended.State);
        Assert.Equal(1, stage.Executions);
        Assert.Single(await _h.AttemptsAsync(ended.RunId, "classifier"));
    }

    private async Task<string> QueueAsync()
    {
        var runId = "run_" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        await _h.Store.SaveRunAsync(new RunRecord
        {
            RunId = runId, Workflow = DigestWorkflow.Name, Request = EngineHarness.Request(), State = RunState.Queued, CreatedAt = now, UpdatedAt = now,
        });
        await _h.Bus.PublishAsync(StartRun.Stream, new BusMessage(StartRun.MessageType, JsonSerializer.Serialize(new StartRun(runId), JsonSerializerOptions.Web)));
        return runId;
    }

    private async Task StartSchedulerAsync(params IStage[] stages)
    {
        var options = new RunSchedulerOptions { Lease = Lease, ReadBlock = TimeSpan.FromMilliseconds(100), MaxConcurrentRuns = 1 };
        var scheduler = new RunScheduler(_h.CreateEngine(TimeProvider.System), stages, Microsoft.Extensions.Options.Options.Create(new WorkflowOptions()), _h.Store, _h.Store, _h.Bus, TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(options), NullLogger<RunScheduler>.Instance);
        await scheduler.StartAsync(CancellationToken.None);
        _schedulers.Add(scheduler);
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
