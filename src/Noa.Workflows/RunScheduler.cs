using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>
/// Executes queued runs: consumes <see cref="StartRun.Stream"/> in the shared group <see cref="StartRun.Group"/>
/// (so each request goes to one scheduler), runs the digest workflow for it with at most
/// <see cref="RunSchedulerOptions.MaxConcurrentRuns"/> at once, and consumes <see cref="CancelRun.Stream"/>
/// in a group of its own (so every scheduler sees every cancellation and acts on the runs it executes), deleted when it stops.
/// Delivery is at-least-once: a StartRun whose run is no longer queued is acknowledged and ignored, and the run's lease in the
/// run store decides which process executes a run. A request is acknowledged when its run ends; a run interrupted by shutdown
/// stays running without a holder and its request stays pending. At startup and every
/// <see cref="RunSchedulerOptions.RecoveryInterval"/>, <see cref="RunRecovery"/> finds the open runs nobody executes (the holder
/// died, or the request was lost with an in-process bus) and this scheduler resumes them, or ends them when they were
/// cancelled or have been resumed <see cref="RunSchedulerOptions.MaxRecoveries"/> times already.
/// </summary>
internal sealed partial class RunScheduler(
    WorkflowEngine engine,
    IEnumerable<IStage> stages,
    IOptions<WorkflowOptions> workflow,
    IRunStore runs,
    IAuditLog audit,
    IMessageBus bus,
    TimeProvider time,
    IOptions<RunSchedulerOptions> options,
    ILogger<RunScheduler> logger) : BackgroundService
{
    private readonly RunSchedulerOptions _options = options.Value;
    private readonly string _consumer = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..^24];

    /// <summary>The consumer name of this instance in both groups.</summary>
    public string Consumer => _consumer;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // With bus dispatch the stages run on workers: the DAG is the catalogue's, and this process needs none of them.
        var definition = workflow.Value.Dispatch == ActivityDispatch.Bus ? DigestWorkflow.FromCatalogue() : DigestWorkflow.Create(stages);
        using var slots = new SemaphoreSlim(_options.MaxConcurrentRuns);
        var executing = new HashSet<Task>();
        var control = Task.Run(() => ControlLoopAsync(stoppingToken), CancellationToken.None);
        var recovery = Task.Run(() => RecoveryLoopAsync(definition, slots, executing, stoppingToken), CancellationToken.None);
        var read = new ConsumeOptions { MaxMessages = 1, Block = _options.ReadBlock, Lease = _options.Lease, MaxDeliveries = _options.MaxDeliveries };
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Read only with a free slot, so requests beyond the bound wait on the stream for another scheduler.
                await slots.WaitAsync(stoppingToken);
                var deliveries = await ReadAsync(StartRun.Stream, StartRun.Group, read, stoppingToken);
                if (deliveries.Count == 0)
                {
                    slots.Release();
                    continue;
                }
                Track(HandleAsync(definition, deliveries[0], stoppingToken), slots, executing);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await recovery;
        Task[] left;
        lock (executing)
            left = [.. executing];
        await Task.WhenAll(left);
        await control;
    }

    private static void Track(Task task, SemaphoreSlim slots, HashSet<Task> executing)
    {
        lock (executing)
            executing.Add(task);
        _ = task.ContinueWith(t =>
        {
            slots.Release();
            lock (executing)
                executing.Remove(t);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task RecoveryLoopAsync(WorkflowDefinition definition, SemaphoreSlim slots, HashSet<Task> executing, CancellationToken stoppingToken)
    {
        var recovery = new RunRecovery(engine, runs, audit, bus, time, _options, logger);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var orphan in await recovery.FindAsync(stoppingToken))
                {
                    if (await recovery.TryEndAsync(orphan))
                        continue;
                    // Through the same slots as requests: a restart with many open runs does not start them all at once.
                    await slots.WaitAsync(stoppingToken);
                    Track(RecoverAsync(definition, orphan, stoppingToken), slots, executing);
                }
                await Task.Delay(_options.RecoveryInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RecoverAsync(WorkflowDefinition definition, RunRecord orphan, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            Log.RunRecovered(logger, orphan.RunId, orphan.State, orphan.Owner);
            _ = orphan.State == RunState.Queued
                ? await engine.RunAsync(definition, orphan.Request, orphan.RunId, interruptible: true, stoppingToken)
                : await engine.ResumeAsync(definition, orphan.RunId, interruptible: true, stoppingToken);
        }
        catch (ArgumentException e)
        {
            Log.RunNotStarted(logger, e, orphan.RunId);
            // Taken by another process in between, or ended: the lease says so and nothing changes. Still open and held by
            // nobody: nobody can execute it (e.g. --only names a stage this build lacks), a fact about the run, not a retry.
            await engine.TryEndOrphanAsync(orphan.RunId, RunState.Failed, $"could not be resumed: {e.Message}", RunJournal.System);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The engine has recorded the run as failed (or its lease runs out and the next pass fails it).
            Log.RunNotStarted(logger, e, orphan.RunId);
        }
    }

    private async Task HandleAsync(WorkflowDefinition definition, BusDelivery delivery, CancellationToken stoppingToken)
    {
        await Task.Yield();
        StartRun? start = null;
        try
        {
            start = JsonSerializer.Deserialize<StartRun>(delivery.Message.Body, WorkflowJson.Options);
        }
        catch (JsonException)
        {
        }
        if (start is null || string.IsNullOrEmpty(start.RunId))
        {
            Log.StartRunMalformed(logger, delivery.Id);
            await bus.AckAsync(delivery, CancellationToken.None);
            return;
        }

        var run = await runs.GetRunAsync(start.RunId, CancellationToken.None);
        // The run lease decides: a running run whose holder is gone (its scheduler died; the request came back after its lease)
        // is taken over and resumed here; one whose holder lives is left to it.
        var takeOver = run is { State: RunState.Running } && !engine.IsExecuting(run.RunId);
        if (run is null || (run.State != RunState.Queued && !takeOver))
        {
            Log.StartRunIgnored(logger, start.RunId, run?.State, delivery.DeliveryCount);
            await bus.AckAsync(delivery, CancellationToken.None);
            return;
        }

        RunRecord ended;
        using var renewal = new CancellationTokenSource();
        var renewing = RenewLeaseAsync(delivery, renewal.Token);
        try
        {
            if (takeOver)
                Log.RunTakenOver(logger, run.RunId, delivery.DeliveryCount);
            // The run's span continues the trace of the request that queued it (the gateway's POST /digest).
            var parent = BusTraceContext.ParentOf(delivery.Message);
            ended = takeOver
                ? await engine.ResumeAsync(definition, run.RunId, interruptible: true, stoppingToken, parent)
                : await engine.RunAsync(definition, run.Request, run.RunId, interruptible: true, stoppingToken, parent);
        }
        catch (ArgumentException e) when (takeOver)
        {
            // Its holder lives (or it is gone): nothing to take over; if the holder dies, recovery finds the run.
            Log.RunNotStarted(logger, e, run.RunId);
            await bus.AckAsync(delivery, CancellationToken.None);
            return;
        }
        catch (ArgumentException e)
        {
            // Cancelled or taken by another process between our read and the engine's: the lease says so and nothing changes.
            // Otherwise the request cannot run here (e.g. --only names a stage this build lacks): a fact about the run, not a retry.
            Log.RunNotStarted(logger, e, run.RunId);
            await engine.TryEndOrphanAsync(run.RunId, RunState.Failed, e.Message, RunJournal.System);
            await bus.AckAsync(delivery, CancellationToken.None);
            return;
        }
        catch (Exception e)
        {
            // The engine has recorded the run as failed; the request is done with.
            Log.RunNotStarted(logger, e, run.RunId);
            await bus.AckAsync(delivery, CancellationToken.None);
            return;
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
        }

        if (ended.State == RunState.Running)
        {
            // Interrupted by shutdown: the run waits, without a holder, for the next scheduler; so does its request.
            Log.RunRequeued(logger, run.RunId);
            return;
        }
        await bus.AckAsync(delivery, CancellationToken.None);
    }

    /// <summary>Renews the StartRun's lease every third of it while its run executes (the run lease's heartbeat).</summary>
    private async Task RenewLeaseAsync(BusDelivery delivery, CancellationToken renewing)
    {
        while (true)
        {
            try
            {
                await Task.Delay(_options.Lease / 3, time, renewing);
                if (!await bus.ExtendLeaseAsync(delivery, _consumer, _options.Lease, renewing))
                    Log.RunLeaseLost(logger, delivery.Id);
            }
            catch (OperationCanceledException) when (renewing.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Retried at the next renewal; the lease covers two misses.
                Log.RunLeaseRenewalFailed(logger, e, delivery.Id);
            }
        }
    }

    private async Task ControlLoopAsync(CancellationToken stoppingToken)
    {
        var group = "scheduler-" + _consumer;
        var read = new ConsumeOptions { MaxMessages = 16, Block = _options.ReadBlock, Lease = TimeSpan.FromMinutes(1), MaxDeliveries = 3 };
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var delivery in await ReadAsync(CancelRun.Stream, group, read, stoppingToken))
                {
                    if (delivery.Message.Type == CancelRun.MessageType
                        && JsonSerializer.Deserialize<CancelRun>(delivery.Message.Body, WorkflowJson.Options) is { } cancel)
                    {
                        Log.CancelRequested(logger, cancel.RunId, cancel.RequestedBy);
                        _ = CancelAsync(cancel);
                    }
                    await bus.AckAsync(delivery, CancellationToken.None);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await DeleteGroupAsync(group);
        }
    }

    // The run executes here, or nowhere (its holder died before its lease ran out, or it is queued with its request lost):
    // then the first scheduler to take its lease ends it. A run another live process holds is cancelled by that one.
    private async Task CancelAsync(CancelRun cancel)
    {
        try
        {
            if (engine.IsExecuting(cancel.RunId))
                await engine.CancelAsync(cancel.RunId, cancel.RequestedBy);
            else
                await engine.TryEndOrphanAsync(cancel.RunId, RunState.Cancelled, $"cancelled by {cancel.RequestedBy}", cancel.RequestedBy);
        }
        catch (Exception e)
        {
            // The request stays in the run store: the holder's lease keeper, or the next recovery pass, acts on it.
            Log.CancelFailed(logger, e, cancel.RunId);
        }
    }

    // The control group is this instance's alone; the shared StartRun group and its consumers stay for the other schedulers.
    private async Task DeleteGroupAsync(string group)
    {
        try
        {
            await bus.DeleteGroupAsync(CancelRun.Stream, group, CancellationToken.None);
        }
        catch (Exception e)
        {
            Log.GroupNotDeleted(logger, e, group, CancelRun.Stream);
        }
    }

    private async Task<IReadOnlyList<BusDelivery>> ReadAsync(string stream, string group, ConsumeOptions read, CancellationToken stoppingToken)
    {
        try
        {
            return await bus.ReadAsync(stream, group, _consumer, read, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bus outage must not end the scheduler: wait a moment and read again.
            Log.ReadFailed(logger, e, stream);
            await Task.Delay(_options.ReadBlock, time, stoppingToken);
            return [];
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEvents.RunTakenOver, LogLevel.Warning, "Run {RunId} is running but its StartRun came back (delivery {DeliveryCount}): its scheduler stopped renewing it; resuming the run here")]
        public static partial void RunTakenOver(ILogger logger, string runId, int deliveryCount);

        [LoggerMessage(LogEvents.RunLeaseLost, LogLevel.Warning, "The lease of StartRun {EntryId} went to another scheduler while its run executes here")]
        public static partial void RunLeaseLost(ILogger logger, string entryId);

        [LoggerMessage(LogEvents.RunLeaseRenewalFailed, LogLevel.Warning, "Renewing the lease of StartRun {EntryId} failed")]
        public static partial void RunLeaseRenewalFailed(ILogger logger, Exception exception, string entryId);

        [LoggerMessage(LogEvents.StartRunIgnored, LogLevel.Information, "StartRun for {RunId} ignored: the run is {State} (delivery {DeliveryCount})")]
        public static partial void StartRunIgnored(ILogger logger, string runId, RunState? state, int deliveryCount);

        [LoggerMessage(LogEvents.StartRunMalformed, LogLevel.Warning, "StartRun {EntryId} has no readable run id; acknowledged and dropped")]
        public static partial void StartRunMalformed(ILogger logger, string entryId);

        [LoggerMessage(LogEvents.RunRequeued, LogLevel.Information, "Run {RunId} interrupted: the scheduler is stopping; its request stays pending")]
        public static partial void RunRequeued(ILogger logger, string runId);

        [LoggerMessage(LogEvents.RunNotStarted, LogLevel.Warning, "Run {RunId} could not be executed")]
        public static partial void RunNotStarted(ILogger logger, Exception exception, string runId);

        [LoggerMessage(LogEvents.CancelRequested, LogLevel.Information, "Cancellation of run {RunId} requested by {RequestedBy}")]
        public static partial void CancelRequested(ILogger logger, string runId, string requestedBy);

        [LoggerMessage(LogEvents.RunRecovered, LogLevel.Warning, "Run {RunId} was {State} with nobody executing it (last holder {Owner}); resuming it here")]
        public static partial void RunRecovered(ILogger logger, string runId, RunState state, string? owner);

        [LoggerMessage(LogEvents.CancelFailed, LogLevel.Warning, "Cancelling run {RunId} failed here; the request stays in the run store")]
        public static partial void CancelFailed(ILogger logger, Exception exception, string runId);

        [LoggerMessage(LogEvents.GroupNotDeleted, LogLevel.Warning, "Could not delete consumer group {Group} of {Stream}")]
        public static partial void GroupNotDeleted(ILogger logger, Exception exception, string group, string stream);

        [LoggerMessage(LogEvents.SchedulerReadFailed, LogLevel.Warning, "Reading {Stream} failed; retrying")]
        public static partial void ReadFailed(ILogger logger, Exception exception, string stream);
    }
}
