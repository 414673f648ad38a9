using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>
/// Records what happens in one run: an audit record (durable, awaited) and a <see cref="RunEvent"/> on the
/// bus. Events go through one queue drained by one task, so they reach the bus in the order they
/// happened and a slow bus never stalls a stage (progress reports are synchronous).
/// </summary>
internal sealed partial class RunJournal : IAsyncDisposable
{
    public const string System = "system";
    private readonly string _runId;
    private readonly IAuditLog _audit;
    private readonly IMessageBus _bus;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<RunEvent> _events = Channel.CreateUnbounded<RunEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pump;

    public RunJournal(string runId, IAuditLog audit, IMessageBus bus, TimeProvider time, ILogger logger)
    {
        (_runId, _audit, _bus, _time, _logger) = (runId, audit, bus, time, logger);
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Appends an audit record and publishes the matching event.</summary>
    public async Task RecordAsync(string type, string? stage = null, int? attempt = null, string? status = null,
        string? message = null, string actor = System)
    {
        var at = _time.GetUtcNow();
        // Records describe what already happened, so they are written even when the run is being cancelled.
        await _audit.AppendAsync(new AuditRecord { At = at, Actor = actor, Action = type, RunId = _runId, Subject = stage, Detail = message }, CancellationToken.None);
        _events.Writer.TryWrite(new RunEvent { Type = type, RunId = _runId, At = at, Stage = stage, Attempt = attempt, Status = status, Message = message });
    }

    /// <summary>Publishes a progress event; progress is not audited.</summary>
    public void Progress(string stage, int attempt, StageProgress progress) =>
        _events.Writer.TryWrite(new RunEvent
        {
            Type = "StageProgressed", RunId = _runId, At = _time.GetUtcNow(), Stage = stage, Attempt = attempt,
            Done = progress.Done, Total = progress.Total, Unit = progress.Unit, Message = progress.Message,
        });

    /// <summary>Waits until every event recorded so far is on the bus.</summary>
    public async ValueTask DisposeAsync()
    {
        _events.Writer.TryComplete();
        await _pump;
    }

    private async Task PumpAsync()
    {
        var headers = new Dictionary<string, string> { ["runId"] = _runId };
        await foreach (var e in _events.Reader.ReadAllAsync())
        {
            try
            {
                await _bus.PublishAsync(RunEvent.Stream, new BusMessage(e.Type, JsonSerializer.Serialize(e, WorkflowJson.Options), headers));
            }
            catch (Exception ex)
            {
                // Events are notifications; the run store and audit trail stay the record of truth.
                Log.EventNotPublished(_logger, ex, e.Type, _runId);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEvents.EventNotPublished, LogLevel.Warning, "Could not publish {EventType} of run {RunId}")]
        public static partial void EventNotPublished(ILogger logger, Exception exception, string eventType, string runId);
    }
}
