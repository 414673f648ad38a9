using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary>
/// Queues runs for the schedulers: records the run as <see cref="RunState.Queued"/>, then publishes
/// <see cref="StartRun"/> on <c>runs.requests</c>. The gateway never executes stages itself.
/// </summary>
internal sealed partial class RunQueue(IRunStore runs, IMessageBus bus, TimeProvider time, GatewayTelemetry telemetry,
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
                new Dictionary<string, string> { ["runId"] = run.RunId }), CancellationToken.None);
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

    /// <summary>Asks the schedulers to cancel a run; a run still queued is cancelled here at once.</summary>
    public async Task<RunRecord> CancelAsync(RunRecord run, string requestedBy, CancellationToken cancellationToken)
    {
        if (run.State == RunState.Queued)
        {
            run = run with { State = RunState.Cancelled, Reason = $"cancelled by {requestedBy} before it started", UpdatedAt = time.GetUtcNow() };
            await runs.SaveRunAsync(run, cancellationToken);
        }
        // Also when it was queued: a scheduler may have taken it between the read and the write above.
        await bus.PublishAsync(CancelRun.Stream, new BusMessage(CancelRun.MessageType,
            JsonSerializer.Serialize(new CancelRun(run.RunId, requestedBy), GatewayJson.Bodies),
            new Dictionary<string, string> { ["runId"] = run.RunId }), cancellationToken);
        return run;
    }

    private static partial class Log
    {
        [LoggerMessage(LogEvents.RunQueued, LogLevel.Information, "Run {RunId} queued for {Source} by {RequestedBy}")]
        public static partial void RunQueued(ILogger logger, string runId, string source, string requestedBy);

        [LoggerMessage(LogEvents.RunNotQueued, LogLevel.Error, "Run {RunId} could not be queued")]
        public static partial void RunNotQueued(ILogger logger, Exception exception, string runId);
    }
}
