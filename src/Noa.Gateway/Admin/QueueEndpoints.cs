using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary><c>/admin/queues</c>: queue depth and dead letters, and dead-letter replay.</summary>
internal static partial class QueueEndpoints
{
    public const int MaxReplay = 10_000;

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/queues", ListAsync).WithName("ListQueues")
            .WithSummary("Queues, their lag and their dead letters").WithDescription("Lag: messages the queue's consumer group has not received yet plus those pending. Dead letters: messages in {stream}:dead not replayed yet.");
        admin.MapPost("/queues/{stream}/replay", ReplayAsync).WithName("ReplayDeadLetters")
            .WithSummary("Move dead letters back to their stream").WithDescription("Republishes up to max (default 1000) messages of {stream}:dead on {stream}, without the dead-letter headers, and acknowledges them in the replay group so each is replayed once.")
            .ProducesValidationProblem();
    }

    private static async Task<Ok<IReadOnlyList<QueueView>>> ListAsync(QueueMonitor monitor, CancellationToken cancellationToken) =>
        TypedResults.Ok(await monitor.ReadAsync(cancellationToken));

    private static async Task<Results<Ok<ReplayResult>, ValidationProblem>> ReplayAsync(string stream, int? max, IMessageBus bus, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!StreamNames.IsValid(stream) || stream.EndsWith(StreamNames.DeadSuffix, StringComparison.Ordinal))
            return Problems.Invalid("stream", "must be a stream name (letters, digits, '.', '_', '-', ':'), not a ':dead' stream itself");
        if (max is < 1 or > MaxReplay)
            return Problems.Invalid("max", $"must be between 1 and {MaxReplay}");
        var dead = stream + StreamNames.DeadSuffix;
        var limit = max ?? 1000;
        var read = new ConsumeOptions { MaxMessages = Math.Min(100, limit), Block = TimeSpan.FromMilliseconds(1), Lease = TimeSpan.FromMinutes(1), MaxDeliveries = 100 };
        var replayed = 0;
        while (replayed < limit)
        {
            var batch = await bus.ReadAsync(dead, QueueMonitor.ReplayGroup, "gateway", read with { MaxMessages = Math.Min(read.MaxMessages, limit - replayed) }, cancellationToken);
            if (batch.Count == 0)
                break;
            foreach (var delivery in batch)
            {
                await bus.PublishAsync(stream, Revived(delivery.Message), CancellationToken.None);
                await bus.AckAsync(delivery, CancellationToken.None);
                replayed++;
            }
        }
        Log.Replayed(loggers.CreateLogger(typeof(QueueEndpoints).FullName!), replayed, dead, stream);
        return TypedResults.Ok(new ReplayResult(stream, replayed, await bus.GetLagAsync(dead, QueueMonitor.ReplayGroup, cancellationToken)));
    }

    // The dead-letter headers describe the failed deliveries; a replayed message starts afresh, keeping a count of replays.
    private static BusMessage Revived(BusMessage message)
    {
        var headers = (message.Headers ?? new Dictionary<string, string>())
            .Where(h => !h.Key.StartsWith("dead-", StringComparison.Ordinal))
            .ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
        var replays = headers.TryGetValue("replays", out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var n) ? n : 0;
        headers["replays"] = (replays + 1).ToString(CultureInfo.InvariantCulture);
        return message with { Headers = headers };
    }

    private static partial class Log
    {
        [LoggerMessage(LogEvents.DeadLettersReplayed, LogLevel.Information, "Replayed {Count} dead letters from {DeadStream} to {Stream}")]
        public static partial void Replayed(ILogger logger, int count, string deadStream, string stream);
    }
}
