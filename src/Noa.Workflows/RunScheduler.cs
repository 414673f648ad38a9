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
/// Delivery is at-least-once: a StartRun whose run is no longer queued is acknowledged and ignored.
/// A request is acknowledged when its run ends; a run interrupted by shutdown goes back to queued and its
/// request stays pending, so another scheduler takes it once the lease expires.
/// </summary>
internal sealed partial class RunScheduler(
    WorkflowEngine engine,
    IEnumerable<IStage> stages,
    IOptions<WorkflowOptions> workflow,
    IRunStore runs,
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
        var control = Task.Run(() => ControlLoopAsync(stoppingToken), CancellationToken.None);
        var executing = new HashSet<Task>();
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
                var task = HandleAsync(definition, deliveries[0], stoppingToken);
                lock (executing)
                    executing.Add(task);
                _ = task.ContinueWith(t =>
                {
                    slots.Release();
                    lock (executing)
                        executing.Remove(t);
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        Task[] left;
        lock (executing)
            left = [.. executing];
        await Task.WhenAll(left);
        await control;
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
        // The run lease: a scheduler renews its StartRun while the run executes, so a redelivered StartRun of a
        // running run means its scheduler died; this one takes the run over and resumes it.
        var takeOver = run is { State: RunState.Running } && delivery.DeliveryCount > 1;
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
            ended = takeOver
                ? await engine.ResumeAsync(definition, run.RunId, stoppingToken)
                : await engine.RunAsync(definition, run.Request, run.RunId, stoppingToken);
        }
        catch (ArgumentException e) when (takeOver)
        {
            // Already executing in this process (its own renewals failed for a whole lease) or gone: nothing to take over.
            Log.RunNotStarted(logger, e, run.RunId);
            await bus.AckAsync(delivery, CancellationToken.None);
            return;
        }
        catch (ArgumentException e)
        {
            if (await runs.GetRunAsync(run.RunId, CancellationToken.None) is { State: not RunState.Queued } current)
            {
                // Cancelled (or taken by another scheduler) between our read and the engine's: nothing to do.
                Log.StartRunIgnored(logger, run.RunId, current.State, delivery.DeliveryCount);
                await bus.AckAsync(delivery, CancellationToken.None);
                return;
            }
            // The request cannot run here (e.g. --only names a stage this build lacks): a fact about the run, not a retry.
            Log.RunNotStarted(logger, e, run.RunId);
            await runs.SaveRunAsync(run with { State = RunState.Failed, Reason = e.Message, UpdatedAt = time.GetUtcNow() }, CancellationToken.None);
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

        if (ended.State == RunState.Cancelled && stoppingToken.IsCancellationRequested)
        {
            // Stopped by shutdown, not by a user: queue it again and leave the request pending for another scheduler.
            var current = await runs.GetRunAsync(run.RunId, CancellationToken.None);
            if (current is { State: RunState.Cancelled })
            {
                await runs.SaveRunAsync(current with { State = RunState.Queued, Reason = "requeued: the scheduler stopped", UpdatedAt = time.GetUtcNow() }, CancellationToken.None);
                Log.RunRequeued(logger, run.RunId);
                return;
            }
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
                        _ = engine.CancelAsync(cancel.RunId);
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

        [LoggerMessage(LogEvents.RunRequeued, LogLevel.Information, "Run {RunId} queued again: the scheduler is stopping")]
        public static partial void RunRequeued(ILogger logger, string runId);

        [LoggerMessage(LogEvents.RunNotStarted, LogLevel.Warning, "Run {RunId} could not be executed")]
        public static partial void RunNotStarted(ILogger logger, Exception exception, string runId);

        [LoggerMessage(LogEvents.CancelRequested, LogLevel.Information, "Cancellation of run {RunId} requested by {RequestedBy}")]
        public static partial void CancelRequested(ILogger logger, string runId, string requestedBy);

        [LoggerMessage(LogEvents.GroupNotDeleted, LogLevel.Warning, "Could not delete consumer group {Group} of {Stream}")]
        public static partial void GroupNotDeleted(ILogger logger, Exception exception, string group, string stream);

        [LoggerMessage(LogEvents.SchedulerReadFailed, LogLevel.Warning, "Reading {Stream} failed; retrying")]
        public static partial void ReadFailed(ILogger logger, Exception exception, string stream);
    }
}
