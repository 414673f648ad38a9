using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary>
/// <c>GET /runs/{id}/events</c> as server-sent events. A run still going is followed on <c>runs.events</c> with a
/// consumer group of this connection's own, read from the stream's start (so the run's earlier events are
/// replayed) and filtered by run id, and deleted when the connection closes; a run that already ended is replayed from the audit trail, which
/// outlives the stream. The stream ends after <c>RunCompleted</c>; if the run ends without one reaching the
/// bus (its process died), the record's final state is sent as <c>RunCompleted</c>.
/// </summary>
internal static class RunEventStream
{
    private const string Progress = "StageProgressed";

    // The audit trail also holds API calls and other facts about the run; these are the ones the engine journals as events.
    private static readonly HashSet<string> RunEventTypes = new(StringComparer.Ordinal)
    {
        "RunStarted", "RunResumed", "RunInterrupted", "RunUsable", "StageStarted", "StageCompleted", "StageFailed", "StageRetrying", "StageSkipped", "GateFailed", "RunCompleted",
    };
    private static readonly TimeSpan RecheckEvery = TimeSpan.FromSeconds(5);

    public static async Task<IResult> StreamAsync(string id, bool? progress, HttpContext context, IRunStore runs)
    {
        if (await runs.FindAsync(id, context) is not { } run)
            return Problems.NotFoundRun(id);
        var services = context.RequestServices;
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try
        {
            if (IsEnded(run.State))
                await ReplayFromAuditAsync(run, context, services.GetRequiredService<IAuditLog>());
            else
                await FollowAsync(run, progress ?? false, context, services);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        return Results.Empty;
    }

    private static async Task FollowAsync(RunRecord run, bool progress, HttpContext context, IServiceProvider services)
    {
        var bus = services.GetRequiredService<IMessageBus>();
        var runs = services.GetRequiredService<IRunStore>();
        var time = services.GetRequiredService<TimeProvider>();
        var keepAlive = services.GetRequiredService<IOptions<GatewayOptions>>().Value.EventKeepAlive;
        var group = "sse-" + Guid.NewGuid().ToString("N");
        try
        {
            await FollowGroupAsync(run, progress, context, bus, runs, time, keepAlive, group);
        }
        finally
        {
            // The group is this connection's alone: left behind, every closed connection would keep one on the stream.
            try
            {
                await bus.DeleteGroupAsync(RunEvent.Stream, group, CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bus outage must not turn a finished response into an error; the group is then left behind as before.
            }
        }
    }

    private static async Task FollowGroupAsync(RunRecord run, bool progress, HttpContext context, IMessageBus bus, IRunStore runs,
        TimeProvider time, TimeSpan keepAlive, string group)
    {
        var read = new ConsumeOptions { MaxMessages = 256, Block = TimeSpan.FromSeconds(1), Lease = TimeSpan.FromMinutes(5), MaxDeliveries = 100 };
        var ct = context.RequestAborted;
        var lastWrite = time.GetUtcNow();
        var lastCheck = lastWrite;
        while (true)
        {
            var deliveries = await bus.ReadAsync(RunEvent.Stream, group, "gateway", read, ct);
            foreach (var delivery in deliveries)
            {
                await bus.AckAsync(delivery, CancellationToken.None);
                if (!IsOfRun(delivery.Message, run.RunId) || (!progress && delivery.Message.Type == Progress))
                    continue;
                await WriteEventAsync(context, delivery.Id, delivery.Message.Type, delivery.Message.Body, ct);
                lastWrite = time.GetUtcNow();
                if (delivery.Message.Type == "RunCompleted")
                    return;
            }
            var now = time.GetUtcNow();
            if (deliveries.Count == 0 && now - lastCheck >= RecheckEvery)
            {
                lastCheck = now;
                if (await runs.GetRunAsync(run.RunId, ct) is { } current && IsEnded(current.State)
                    && (await bus.GetLagAsync(RunEvent.Stream, group, ct)) == 0)
                {
                    await WriteEventAsync(context, null, "RunCompleted", Completed(current), ct);
                    return;
                }
            }
            if (now - lastWrite >= keepAlive)
            {
                await context.Response.WriteAsync(": keep-alive\n\n", ct);
                await context.Response.Body.FlushAsync(ct);
                lastWrite = now;
            }
        }
    }

    private static async Task ReplayFromAuditAsync(RunRecord run, HttpContext context, IAuditLog audit)
    {
        var ct = context.RequestAborted;
        var records = await audit.QueryAsync(new AuditQuery(RunId: run.RunId, Limit: 100_000), ct);
        var sawCompleted = false;
        foreach (var record in records.Where(r => RunEventTypes.Contains(r.Action)))
        {
            var body = record.Action == "RunCompleted"
                ? Completed(run, record.At)
                : JsonSerializer.Serialize(new RunEvent { Type = record.Action, RunId = run.RunId, At = record.At, Stage = record.Subject, Message = record.Detail }, GatewayJson.Bodies);
            await WriteEventAsync(context, null, record.Action, body, ct);
            sawCompleted |= record.Action == "RunCompleted";
        }
        if (!sawCompleted)
            await WriteEventAsync(context, null, "RunCompleted", Completed(run), ct);
    }

    private static bool IsEnded(RunState state) => state is not (RunState.Queued or RunState.Running);

    private static bool IsOfRun(BusMessage message, string runId)
    {
        if (message.Headers is { } headers && headers.TryGetValue("runId", out var header))
            return header == runId;
        try
        {
            return JsonSerializer.Deserialize<RunEvent>(message.Body, GatewayJson.Bodies)?.RunId == runId;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Completed(RunRecord run, DateTimeOffset? at = null) => JsonSerializer.Serialize(new RunEvent
    {
        Type = "RunCompleted", RunId = run.RunId, At = at ?? run.UpdatedAt,
        Status = JsonNamingPolicy.CamelCase.ConvertName(run.State.ToString()), Message = run.Reason,
    }, GatewayJson.Bodies);

    private static async Task WriteEventAsync(HttpContext context, string? id, string type, string data, CancellationToken ct)
    {
        var text = new StringBuilder();
        if (id is not null)
            text.Append("id: ").Append(id).Append('\n');
        text.Append("event: ").Append(type).Append('\n');
        foreach (var line in data.Split('\n'))
            text.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        text.Append('\n');
        await context.Response.WriteAsync(text.ToString(), ct);
        await context.Response.Body.FlushAsync(ct);
    }
}
