using Microsoft.Extensions.Logging;
using Noa.Abstractions;
using StackExchange.Redis;

namespace Noa.EventBus.Redis;

/// <summary>
/// The bus on Redis Streams: a stream per name, a consumer group per group (created at the stream's start on first
/// read), <c>XACK</c> to acknowledge. A read runs one script that claims entries whose lease ran out (<c>XAUTOCLAIM</c>
/// with min-idle = lease), moves those delivered more than <see cref="ConsumeOptions.MaxDeliveries"/> times to
/// <c>{stream}:dead</c>, then takes new entries; when there are none it waits with <c>XREADGROUP … BLOCK</c> on a
/// dedicated connection (or polls, see <see cref="RedisReadMode"/>). Blocking reads run the script only when a reclaim
/// is due (<see cref="ReclaimSchedule"/>). Acks are coalesced into multi-id <c>XACK</c>s (<see cref="AckBatcher"/>).
/// A read cancelled while it waits is woken with <c>CLIENT UNBLOCK</c>; an entry the server handed it at that instant
/// stays pending and is redelivered after its lease. The stream and its dead-letter stream are two keys, so on a
/// Redis Cluster stream names need a hash tag (<c>{queue}</c>).
/// </summary>
internal sealed partial class RedisMessageBus(RedisConnector connector, BlockingReaderPool readers, InFlightTracker inFlight,
    AckBatcher acks, ReclaimSchedule reclaims, RedisBusMetrics metrics, ILogger<RedisMessageBus> logger) : IMessageBus
{
    private readonly RedisBusSettings _settings = connector.Settings;

    /// <inheritdoc />
    public async Task<string> PublishAsync(string stream, BusMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        using var span = BusTraceContext.StartPublish("redis", stream, message, out message);
        try
        {
            var db = await connector.DatabaseAsync();
            int? maxLength = _settings.MaxLength > 0 ? (int)Math.Min(_settings.MaxLength, int.MaxValue) : null;
            var id = await db.StreamAddAsync(stream, StreamCodec.Encode(message), messageId: null, maxLength: maxLength,
                useApproximateMaxLength: true);
            metrics.Published(stream);
            BusTraceContext.Published(span, id.ToString());
            return id.ToString();
        }
        catch (Exception e) when (BusTraceContext.Failed(span, e))
        {
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BusDelivery>> ReadAsync(string stream, string group, string consumer, ConsumeOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        ArgumentNullException.ThrowIfNull(options);
        var started = Environment.TickCount64;
        var block = (long)Math.Max(0, options.Block.TotalMilliseconds);
        var pause = 1;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var free = Math.Min(options.MaxMessages, inFlight.Free(stream, group, consumer, _settings.MaxInFlightPerConsumer));
            var blocking = free > 0 && block > 0 && _settings.ReadMode == RedisReadMode.Blocking;
            var reclaimIn = blocking ? reclaims.DueIn(stream, group, options.Lease) : 0;
            // A blocking XREADGROUP returns at once when new entries are there, so the script (which also reclaims
            // expired leases) only has to run when a reclaim is due; in between, a read is one command.
            if (free > 0 && reclaimIn <= 0)
            {
                reclaims.Ran(stream, group);
                var now = await ReadNowAsync(stream, group, consumer, options, free);
                if (now.Count > 0)
                    return Hold(consumer, now, options);
            }
            var remaining = block - (Environment.TickCount64 - started);
            if (remaining <= 0)
                return [];
            if (blocking)
            {
                var slice = Math.Min(remaining, (long)Math.Max(1, _settings.BlockSlice.TotalMilliseconds));
                if (reclaimIn > 0)
                    slice = Math.Min(slice, reclaimIn);
                var waited = await BlockAsync(stream, group, consumer, free, slice, cancellationToken);
                if (waited is { Count: > 0 })
                    return Hold(consumer, waited, options);
                if (waited is not null)
                    continue;
            }
            // Polling mode, all blocking connections busy, or no free in-flight slot: pause and look again.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(pause, remaining)), cancellationToken);
            pause = (int)Math.Min(pause * 2, Math.Max(1, _settings.PollMaxDelay.TotalMilliseconds));
        }
    }

    /// <inheritdoc />
    public async Task AckAsync(BusDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await acks.AckAsync(delivery.Stream, delivery.Group, delivery.Id).WaitAsync(cancellationToken);
        inFlight.Release(delivery);
        metrics.Acked(delivery.Stream);
    }

    /// <inheritdoc />
    /// <remarks>The server's lag (<c>XINFO GROUPS</c>) plus the group's pending count; a group that has never read counts the whole stream.</remarks>
    public async Task<long> GetLagAsync(string stream, string group, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentException.ThrowIfNullOrEmpty(group);
        var db = await connector.DatabaseAsync();
        return (long)await db.ScriptEvaluateAsync(StreamScripts.Lag, [stream], [group]);
    }

    /// <inheritdoc />
    /// <remarks>One script: <c>XGROUP DESTROY</c> only when the stream exists (the command fails on a missing key).</remarks>
    public async Task DeleteGroupAsync(string stream, string group, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentException.ThrowIfNullOrEmpty(group);
        var db = await connector.DatabaseAsync();
        await db.ScriptEvaluateAsync(StreamScripts.DeleteGroup, [stream], [group]).WaitAsync(cancellationToken);
        inFlight.Forget(stream, group);
        reclaims.Forget(stream, group);
    }

    private IReadOnlyList<BusDelivery> Hold(string consumer, List<BusDelivery> deliveries, ConsumeOptions options)
    {
        inFlight.Hold(consumer, deliveries, options.Lease);
        var again = deliveries.Count(d => d.DeliveryCount > 1);
        metrics.Delivered(deliveries[0].Stream, deliveries.Count - again, again);
        return deliveries;
    }

    private async Task<List<BusDelivery>> ReadNowAsync(string stream, string group, string consumer, ConsumeOptions options, int count)
    {
        var db = await connector.DatabaseAsync();
        RedisValue[] args =
        [
            group, consumer, (long)Math.Max(1, options.Lease.TotalMilliseconds), options.MaxDeliveries, count, _settings.MaxLength,
        ];
        RedisResult reply;
        try
        {
            reply = await db.ScriptEvaluateAsync(StreamScripts.Read, [stream, DeadStream(stream)], args);
        }
        catch (RedisServerException e) when (IsNoGroup(e))
        {
            await CreateGroupAsync(db, stream, group);
            reply = await db.ScriptEvaluateAsync(StreamScripts.Read, [stream, DeadStream(stream)], args);
        }
        var parts = (RedisResult[])reply!;
        var deadIds = (RedisResult[])parts[1]!;
        foreach (var dead in deadIds)
            Log.DeadLettered(logger, stream, (string)dead!, group, options.MaxDeliveries);
        if (deadIds.Length > 0)
            metrics.DeadLettered(stream, deadIds.Length);
        return StreamCodec.FromScript(stream, group, parts[0]);
    }

    /// <summary>Waits for new entries on a dedicated connection; null when none is free.</summary>
    private async Task<List<BusDelivery>?> BlockAsync(string stream, string group, string consumer, int count, long milliseconds,
        CancellationToken cancellationToken)
    {
        var reader = await readers.RentAsync();
        if (reader is null)
            return null;
        try
        {
            await using var wake = cancellationToken.Register(() => _ = UnblockAsync(reader.ClientId));
            var reply = await reader.Database.ExecuteAsync("XREADGROUP",
                "GROUP", group, consumer, "COUNT", count, "BLOCK", milliseconds, "STREAMS", stream, ">");
            cancellationToken.ThrowIfCancellationRequested();
            return StreamCodec.FromReadGroup(stream, group, reply);
        }
        catch (RedisServerException e) when (IsNoGroup(e))
        {
            await CreateGroupAsync(await connector.DatabaseAsync(), stream, group);
            return [];
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
        {
            reader.Broken = true;
            Log.BlockingReaderFailed(logger, e, stream);
            return null;
        }
        finally
        {
            await readers.ReturnAsync(reader);
        }
    }

    private async Task UnblockAsync(long clientId)
    {
        try
        {
            var db = await connector.DatabaseAsync();
            await db.ExecuteAsync("CLIENT", "UNBLOCK", clientId);
        }
        catch (Exception e) when (e is RedisException)
        {
            // The read times out at its slice anyway.
        }
    }

    private async Task CreateGroupAsync(IDatabase db, string stream, string group)
    {
        try
        {
            await db.ExecuteAsync("XGROUP", "CREATE", stream, group, "0", "MKSTREAM");
            Log.GroupCreated(logger, group, stream);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another consumer created it first.
        }
    }

    private static bool IsNoGroup(RedisServerException e) => e.Message.Contains("NOGROUP", StringComparison.Ordinal);

    internal static string DeadStream(string stream) => stream + ":dead";

    private static partial class Log
    {
        [LoggerMessage(LogEvents.DeadLettered, LogLevel.Warning, "Entry {Id} of stream {Stream} moved to the dead-letter stream after group {Group} received it {MaxDeliveries} times")]
        public static partial void DeadLettered(ILogger logger, string stream, string id, string group, int maxDeliveries);

        [LoggerMessage(LogEvents.GroupCreated, LogLevel.Debug, "Consumer group {Group} created on stream {Stream}")]
        public static partial void GroupCreated(ILogger logger, string group, string stream);

        [LoggerMessage(LogEvents.BlockingReaderFailed, LogLevel.Warning, "A blocking read of stream {Stream} failed; the connection is closed and the read polls")]
        public static partial void BlockingReaderFailed(ILogger logger, Exception exception, string stream);
    }
}
