using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary>
/// Queues runs for the schedulers: records the run as <see cref="RunState.Queued"/>, then publishes
/// <see cref="StartRun"/> on <c>runs.requests</c>. The gateway never executes stages itself.
/// </summary>
internal sealed partial class RunQueue(IRunStore runs, IAuditLog audit, IMessageBus bus, TimeProvider time, GatewayTelemetry telemetry,
    IOptions<GatewayOptions> options, ILogger<RunQueue> logger)
{
    /// <summary>Unstarted requests on <c>runs.requests</c>, or null while below <see cref="GatewayOptions.MaxQueueDepth"/>.</summary>
    public async Task<long?> FullAsync(CancellationToken cancellationToken)
    {
        var lag = await bus.GetLagAsync(StartRun.Stream, StartRun.Group, cancellationToken);
        return lag >= options.Value.MaxQueueDepth ? lag : null;
    }

    public async Task<RunRecord> EnqueueAsync(DigestRequest request, CancellationToken cancellationToken)
    {
        using var activity = telemetry.Source.StartActivity("QueueRun");
        var now = time.GetUtcNow();
        var run = new RunRecord
        {
            RunId = RunIds.New(time), Workflow = StageCatalogue.DigestWorkflow, Request = request,
            State = RunState.Queued, CreatedAt = now, UpdatedAt = now,
        };
        activity?.SetTag("noa.run_id", run.RunId);
        await runs.SaveRunAsync(run, cancellationToken);
        try
        {
            await bus.PublishAsync(StartRun.Stream, new BusMessage(StartRun.MessageType,
                JsonSerializer.Serialize(new StartRun(run.RunId), GatewayJson.Bodies),
                BusTraceContext.With(new Dictionary<string, string> { ["runId"] = run.RunId })), CancellationToken.None);
        }
        catch (Exception e)
        {
            // Without its StartRun nobody would ever pick the run up: record that instead of leaving it queued.
            Log.RunNotQueued(logger, e, run.RunId);
            await runs.SaveRunAsync(run with { State = RunState.Failed, Reason = "could not be queued: " + e.Message, UpdatedAt = time.GetUtcNow() }, CancellationToken.None);
            throw;
        }
        telemetry.RunsStarted.Add(1);
        Log.RunQueued(logger, run.RunId, request.Source, request.RequestedBy);
        return run;
    }

    /// <summary>
    /// Cancels a run: the request is recorded in the run store first (so whichever process holds the run, or takes it next,
    /// sees it); a queued run that nobody has taken is ended here at once; otherwise <see cref="CancelRun"/> goes to every
    /// scheduler, and the one executing the run stops it, or the first to take an orphaned run's lease ends it.
    /// Returns the record as it is now (ended when it ended meanwhile).
    /// </summary>
    public async Task<RunRecord> CancelAsync(RunRecord run, string requestedBy, CancellationToken cancellationToken)
    {
        if (!await runs.RequestCancelAsync(run.RunId, requestedBy, cancellationToken))
            return await runs.GetRunAsync(run.RunId, cancellationToken) ?? run;
        if (run.State == RunState.Queued && await TryEndQueuedAsync(run, requestedBy) is { } ended)
            return ended;
        await bus.PublishAsync(CancelRun.Stream, new BusMessage(CancelRun.MessageType,
            JsonSerializer.Serialize(new CancelRun(run.RunId, requestedBy), GatewayJson.Bodies),
            new Dictionary<string, string> { ["runId"] = run.RunId }), cancellationToken);
        return run;
    }

    // Takes the run's lease so that no scheduler starts it meanwhile; a scheduler that already has it gets CancelRun instead.
    private async Task<RunRecord?> TryEndQueuedAsync(RunRecord run, string requestedBy)
    {
        var owner = $"{Environment.MachineName}/{Environment.ProcessId}/gateway";
        var now = time.GetUtcNow();
        if (!await runs.TryLeaseRunAsync(run.RunId, owner, now, now + TimeSpan.FromSeconds(30), null, CancellationToken.None))
            return null;
        try
        {
            if (await runs.GetRunAsync(run.RunId, CancellationToken.None) is not { State: RunState.Queued } current)
                return null;
            var reason = $"cancelled by {requestedBy} before it started";
            now = time.GetUtcNow();
            var ended = current with { State = RunState.Cancelled, Reason = reason, UpdatedAt = now };
            await runs.SaveRunAsync(ended, CancellationToken.None);
            // The engine's journal would write these; no engine has this run, so an event stream following it ends here.
            await audit.AppendAsync(new AuditRecord { At = now, Actor = requestedBy, Action = "RunCompleted", RunId = run.RunId, Detail = reason }, CancellationToken.None);
            await bus.PublishAsync(RunEvent.Stream, new BusMessage("RunCompleted", JsonSerializer.Serialize(
                new RunEvent { Type = "RunCompleted", RunId = run.RunId, At = now, Status = "cancelled", Message = reason }, GatewayJson.Bodies),
                new Dictionary<string, string> { ["runId"] = run.RunId }), CancellationToken.None);
            return ended;
        }
        finally
        {
            await runs.ReleaseRunAsync(run.RunId, owner, CancellationToken.None);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEvents.RunQueued, LogLevel.Information, "Run {RunId} queued for {Source} by {RequestedBy}")]
        public static partial void RunQueued(ILogger logger, string runId, string source, string requestedBy);

        [LoggerMessage(LogEvents.RunNotQueued, LogLevel.Error, "Run {RunId} could not be queued")]
        public static partial void RunNotQueued(ILogger logger, Exception exception, string runId);
    }
}
