using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>
/// A worker of one stage's task queue: reads <c>tasks.{stage}</c> in the consumer group <see cref="TaskQueues.WorkerGroup"/>
/// with <see cref="WorkflowOptions.WorkerSlots"/> consumers, executes each task with a context built from the shared stores
/// (so any process on any machine can run it), heartbeats while it executes (renews the delivery's lease and records the
/// worker and time on the attempt), then writes the ended attempt, publishes the result to the engine and acknowledges.
/// A worker killed mid-attempt never acknowledges, so the task is redelivered after its lease to another worker, which
/// executes the same attempt again; stages are idempotent and their outputs content-addressed, so it exists once.
/// </summary>
internal sealed partial class StageWorker(IStage stage, IMessageBus bus, IRunStore runs, IAuditLog audit, IArtifactStore artifacts,
    TimeProvider time, WorkflowOptions options, ILogger<StageWorker> logger, WorkflowTelemetry telemetry) : BackgroundService
{
    private readonly string _queue = TaskQueues.For(stage.Name);

    /// <summary>The consumer name of one slot: host, process id, stage and slot, so an attempt names the process that runs it.</summary>
    public static string ConsumerName(string stage, int slot) => $"{Environment.MachineName}-{Environment.ProcessId}-{stage}-{slot}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(1, options.WorkerSlots).Select(slot => Task.Run(() => ConsumeAsync(ConsumerName(stage.Name, slot), stoppingToken), CancellationToken.None)));

    private async Task ConsumeAsync(string consumer, CancellationToken stopping)
    {
        var read = new ConsumeOptions { MaxMessages = 1, Block = TimeSpan.FromSeconds(1), Lease = options.TaskLease, MaxDeliveries = options.TaskMaxDeliveries };
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                foreach (var delivery in await bus.ReadAsync(_queue, TaskQueues.WorkerGroup, consumer, read, stopping))
                    await HandleAsync(delivery, consumer, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The task stays pending and comes back after its lease; a bus or store outage must not end the worker.
                Log.ReadFailed(logger, e, _queue);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), time, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task HandleAsync(BusDelivery delivery, string consumer, CancellationToken stopping)
    {
        var task = Parse(delivery.Message);
        if (task is null || task.Stage != stage.Name)
        {
            Log.TaskDropped(logger, delivery.Id, _queue, "not a RunStage task of this stage");
            await bus.AckAsync(delivery, CancellationToken.None);
            return;
        }
        var current = await FindAsync(task, stopping);
        if (current?.Status is not null)
        {
            // A duplicate delivery of an attempt that another worker (or the engine) already ended.
            Log.TaskDropped(logger, delivery.Id, _queue, $"attempt {task.Attempt} of run {task.RunId} already ended {current.Status}");
            await bus.AckAsync(delivery, CancellationToken.None);
            return;
        }

        // A child of the engine's attempt span (the task's traceparent): one trace from the request to this worker.
        using var span = WorkflowTelemetry.Source.StartActivity($"execute {stage.Name}", ActivityKind.Consumer, BusTraceContext.ParentOf(delivery.Message));
        span?.SetTag("noa.run.id", task.RunId);
        span?.SetTag("noa.stage", task.Stage);
        span?.SetTag("noa.attempt", task.Attempt);
        span?.SetTag("noa.worker", consumer);
        span?.SetTag("messaging.destination.name", _queue);
        span?.SetTag("messaging.operation.type", "process");
        span?.SetTag("messaging.consumer.group.name", delivery.Group);
        span?.SetTag("messaging.message.id", delivery.Id);
        span?.SetTag("messaging.delivery.count", delivery.DeliveryCount);
        if (delivery.DeliveryCount == 1)
            telemetry.Waited(_queue, time.GetUtcNow() - task.StartedAt);
        var executing = time.GetTimestamp();
        var record = (current ?? new StageAttempt { RunId = task.RunId, Stage = task.Stage, Attempt = task.Attempt, StartedAt = task.StartedAt })
            with { Worker = consumer, HeartbeatAt = time.GetUtcNow() };
        await runs.SaveAttemptAsync(record, stopping);
        Log.TaskStarted(logger, task.RunId, task.Stage, task.Attempt, consumer, delivery.DeliveryCount);

        using var abort = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var beating = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(delivery, consumer, record, abort, beating.Token);
        StageOutcome outcome;
        var runFolder = Path.Combine(Path.GetFullPath(options.WorkspaceRoot), task.RunId);
        SnapshotSourceTree? source = null;
        await using (var journal = new RunJournal(task.RunId, audit, bus, time, logger))
        {
            outcome = await StageInvoker.InvokeAsync(stage, async token =>
            {
                source = await SnapshotSourceTree.LoadAsync(task.RunId, artifacts, runs, Path.Combine(runFolder, "source"), token);
                return new StageContext
                {
                    RunId = task.RunId,
                    Request = task.Request,
                    Attempt = task.Attempt,
                    Workspace = Path.Combine(runFolder, task.Stage),
                    Artifacts = new RunArtifacts(task.RunId, task.Stage, artifacts, runs),
                    Source = source,
                    Progress = new StageProgressReporter(journal, task.Stage, task.Attempt, time),
                    Time = time,
                };
            }, task.StartToCloseTimeout, options.RetryPolicyFor(task.Stage), time, logger, task.RunId, task.Attempt, abort.Token);
        }
        source?.Dispose();
        await beating.CancelAsync();
        var abortedBecause = await heartbeat;

        if (stopping.IsCancellationRequested || abortedBecause == Abort.LeaseLost)
        {
            // Stopping: the task stays pending for another worker. Lease lost: another worker holds it now.
            Log.TaskAborted(logger, task.RunId, task.Stage, task.Attempt, stopping.IsCancellationRequested ? "the worker is stopping" : "its lease went to another worker");
            return;
        }
        if (abortedBecause == Abort.Ended || (await FindAsync(task, CancellationToken.None))?.Status is not null)
        {
            Log.TaskAborted(logger, task.RunId, task.Stage, task.Attempt, "the attempt or its run ended elsewhere");
            await bus.AckAsync(delivery, CancellationToken.None);
            return;
        }
        if (outcome.Status == StageStatus.Failed)
        {
            Log.TaskFailed(logger, task.RunId, task.Stage, task.Attempt, outcome.Failure?.ErrorType, outcome.Failure?.Message);
            WorkflowTelemetry.Fail(span, outcome.Failure?.ErrorType, outcome.Failure?.Message);
        }
        var status = outcome.Status.ToString().ToLowerInvariant();
        span?.SetTag("noa.attempt.status", status);
        telemetry.WorkerExecutions.Record(time.GetElapsedTime(executing).TotalSeconds,
            new KeyValuePair<string, object?>("noa.stage", task.Stage), new KeyValuePair<string, object?>("noa.attempt.status", status));

        // Store first, then the result, then the ack: whatever the worker dies between, the attempt is not lost.
        var endedAt = time.GetUtcNow();
        await runs.SaveAttemptAsync(AttemptRecords.Ended(record, outcome, endedAt) with { HeartbeatAt = endedAt }, CancellationToken.None);
        var result = new ActivityResult(task.RunId, task.Stage, task.Attempt, consumer, outcome);
        await bus.PublishAsync(task.ReplyTo, new BusMessage(TaskQueues.StageResult, JsonSerializer.Serialize(result, WorkflowJson.Options),
            new Dictionary<string, string> { ["runId"] = task.RunId }), CancellationToken.None);
        await bus.AckAsync(delivery, CancellationToken.None);
        DeleteScratch(Path.Combine(runFolder, task.Stage));
    }

    // The attempt's scratch space; in a worker nobody else knows when the run ends. A materialised snapshot
    // ({run}/source) stays for the run's other stages on this machine; the workspace janitor removes it once the run ended.
    private void DeleteScratch(string folder)
    {
        try
        {
            TreeDelete.Delete(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.ScratchNotDeleted(logger, e, folder);
        }
    }

    /// <summary>Every third of the lease: renew it, check the attempt and run are still open, record the heartbeat.</summary>
    private async Task<Abort> HeartbeatAsync(BusDelivery delivery, string consumer, StageAttempt record, CancellationTokenSource abort, CancellationToken beating)
    {
        var every = options.TaskLease / 3;
        while (true)
        {
            try
            {
                await Task.Delay(every, time, beating);
                if (!await bus.ExtendLeaseAsync(delivery, consumer, options.TaskLease, beating))
                {
                    await abort.CancelAsync();
                    return Abort.LeaseLost;
                }
                var current = (await runs.GetAttemptsAsync(record.RunId, beating)).FirstOrDefault(a => a.Stage == record.Stage && a.Attempt == record.Attempt);
                var run = await runs.GetRunAsync(record.RunId, beating);
                if (current?.Status is not null || run is null || run.State != RunState.Running)
                {
                    await abort.CancelAsync();
                    return Abort.Ended;
                }
                await runs.SaveAttemptAsync(record with { HeartbeatAt = time.GetUtcNow() }, beating);
            }
            catch (OperationCanceledException) when (beating.IsCancellationRequested)
            {
                return Abort.None;
            }
            catch (Exception e)
            {
                // A missed heartbeat is retried at the next one; the lease covers three of them.
                Log.HeartbeatFailed(logger, e, record.RunId, record.Stage, record.Attempt);
            }
        }
    }

    private async Task<StageAttempt?> FindAsync(ActivityTask task, CancellationToken cancellationToken) =>
        (await runs.GetAttemptsAsync(task.RunId, cancellationToken)).FirstOrDefault(a => a.Stage == task.Stage && a.Attempt == task.Attempt);

    private static ActivityTask? Parse(BusMessage message)
    {
        if (message.Type != TaskQueues.RunStage)
            return null;
        try
        {
            return JsonSerializer.Deserialize<ActivityTask>(message.Body, WorkflowJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private enum Abort
    {
        None,
        LeaseLost,
        Ended,
    }

    private static partial class Log
    {
        [LoggerMessage(LogEvents.TaskStarted, LogLevel.Information, "Run {RunId}: {Stage} attempt {Attempt} started on {Worker} (delivery {Delivery})")]
        public static partial void TaskStarted(ILogger logger, string runId, string stage, int attempt, string worker, int delivery);

        [LoggerMessage(LogEvents.TaskDropped, LogLevel.Information, "Task {EntryId} of {Queue} acknowledged without executing it: {Reason}")]
        public static partial void TaskDropped(ILogger logger, string entryId, string queue, string reason);

        [LoggerMessage(LogEvents.TaskAborted, LogLevel.Warning, "Run {RunId}: {Stage} attempt {Attempt} interrupted: {Reason}")]
        public static partial void TaskAborted(ILogger logger, string runId, string stage, int attempt, string reason);

        [LoggerMessage(LogEvents.TaskFailed, LogLevel.Warning, "Run {RunId}: {Stage} attempt {Attempt} failed: {ErrorType}: {Message}")]
        public static partial void TaskFailed(ILogger logger, string runId, string stage, int attempt, string? errorType, string? message);

        [LoggerMessage(LogEvents.HeartbeatFailed, LogLevel.Warning, "Run {RunId}: heartbeat of {Stage} attempt {Attempt} failed")]
        public static partial void HeartbeatFailed(ILogger logger, Exception exception, string runId, string stage, int attempt);

        [LoggerMessage(LogEvents.ScratchNotDeleted, LogLevel.Warning, "Could not delete the workspace {Folder}")]
        public static partial void ScratchNotDeleted(ILogger logger, Exception exception, string folder);

        [LoggerMessage(LogEvents.TaskQueueReadFailed, LogLevel.Warning, "Reading task queue {Queue} failed; retrying")]
        public static partial void ReadFailed(ILogger logger, Exception exception, string queue);
    }
}
