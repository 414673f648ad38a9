using System.Collections.Concurrent;
using System.Globalization;
using Noa.Abstractions;

namespace Noa.EventBus.InProcess;

/// <summary>
/// The bus inside one process, with Redis Streams semantics: entries are kept in append order, each
/// consumer group reads from the stream's start, a delivered entry stays pending until acknowledged,
/// and a pending entry whose lease expired is redelivered on the next read of its group (or moved to
/// <c>{stream}:dead</c> once delivered <see cref="ConsumeOptions.MaxDeliveries"/> times).
/// Lease time comes from the injected <see cref="TimeProvider"/>; <see cref="ConsumeOptions.Block"/> is
/// a wait for new entries and uses the same clock.
/// </summary>
/// <param name="time">The clock of leases and blocking reads.</param>
/// <param name="maxStreamLength">Entries kept per stream (see <see cref="InProcessBusSettings.MaxStreamLength"/>).</param>
public sealed class InProcessMessageBus(TimeProvider time, int maxStreamLength = 100_000) : IMessageBus
{
    /// <summary>Header names added to a dead-lettered message.</summary>
    public const string DeadStreamHeader = "dead-stream", DeadIdHeader = "dead-id", DeadGroupHeader = "dead-group", DeadDeliveriesHeader = "dead-deliveries";

    private readonly ConcurrentDictionary<string, MessageStream> _streams = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<string> PublishAsync(string stream, BusMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        using var span = BusTraceContext.StartPublish("inprocess", stream, message, out message);
        var s = StreamOf(stream);
        string id;
        lock (s)
            id = s.Append(message, time.GetUtcNow());
        BusTraceContext.Published(span, id);
        return Task.FromResult(id);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BusDelivery>> ReadAsync(string stream, string group, string consumer, ConsumeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        ArgumentNullException.ThrowIfNull(options);
        var s = StreamOf(stream);
        var deadline = time.GetUtcNow() + options.Block;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            List<BusDelivery> deliveries = [];
            List<BusMessage> dead = [];
            Task appended;
            lock (s)
            {
                var g = GroupOf(s, group);
                var now = time.GetUtcNow();
                Reclaim(stream, group, consumer, options, g, now, deliveries, dead);
                g.NextIndex = Math.Max(g.NextIndex, s.First);
                while (deliveries.Count < options.MaxMessages && g.NextIndex < s.End)
                {
                    var entry = s[g.NextIndex++];
                    var pending = new PendingEntry(entry) { Consumer = consumer, DeliveryCount = 1, LeaseExpiresAt = now + options.Lease };
                    g.Pending.Add(entry.Index, pending);
                    deliveries.Add(new BusDelivery(stream, group, entry.Id, entry.Message, 1));
                }
                appended = s.Appended;
            }
            foreach (var message in dead)
                await PublishAsync(stream + ":dead", message, CancellationToken.None);

            var remaining = deadline - time.GetUtcNow();
            if (deliveries.Count > 0 || remaining <= TimeSpan.Zero)
                return deliveries;
            await WaitAsync(appended, remaining, cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task AckAsync(BusDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (_streams.TryGetValue(delivery.Stream, out var s))
        {
            lock (s)
            {
                if (s.Groups.TryGetValue(delivery.Group, out var g))
                {
                    if (s.TryGetIndex(delivery.Id, out var index))
                        g.Pending.Remove(index);
                    else if (g.Pending.Values.FirstOrDefault(p => p.Entry.Id == delivery.Id) is { } trimmed)
                        g.Pending.Remove(trimmed.Entry.Index);
                }
            }
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> ExtendLeaseAsync(BusDelivery delivery, string consumer, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        if (!_streams.TryGetValue(delivery.Stream, out var s))
            return Task.FromResult(false);
        lock (s)
        {
            if (!s.Groups.TryGetValue(delivery.Group, out var g) || !s.TryGetIndex(delivery.Id, out var index)
                || !g.Pending.TryGetValue(index, out var pending) || pending.Consumer != consumer)
                return Task.FromResult(false);
            pending.LeaseExpiresAt = time.GetUtcNow() + lease;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    /// <remarks>A group that has never read counts every entry, since it will start at the stream's start.</remarks>
    public Task<long> GetLagAsync(string stream, string group, CancellationToken cancellationToken = default)
    {
        if (!_streams.TryGetValue(stream, out var s))
            return Task.FromResult(0L);
        lock (s)
        {
            return Task.FromResult(s.Groups.TryGetValue(group, out var g)
                ? s.End - Math.Max(g.NextIndex, s.First) + g.Pending.Count
                : s.End - s.First);
        }
    }

    /// <inheritdoc />
    public Task DeleteGroupAsync(string stream, string group, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentException.ThrowIfNullOrEmpty(group);
        if (_streams.TryGetValue(stream, out var s))
        {
            lock (s)
                s.Groups.Remove(group);
        }
        return Task.CompletedTask;
    }

    private MessageStream StreamOf(string stream) => _streams.GetOrAdd(stream, static (_, max) => new MessageStream(max), maxStreamLength);

    private static ConsumerGroup GroupOf(MessageStream s, string group)
    {
        if (!s.Groups.TryGetValue(group, out var g))
            s.Groups.Add(group, g = new ConsumerGroup());
        return g;
    }

    // Expired leases first, in stream order: claimed by this consumer, or dead-lettered when out of deliveries.
    private static void Reclaim(string stream, string group, string consumer, ConsumeOptions options, ConsumerGroup g,
        DateTimeOffset now, List<BusDelivery> deliveries, List<BusMessage> dead)
    {
        List<long>? toDead = null;
        foreach (var (index, pending) in g.Pending)
        {
            if (deliveries.Count >= options.MaxMessages)
                break;
            if (pending.LeaseExpiresAt > now)
                continue;
            if (pending.DeliveryCount >= options.MaxDeliveries)
            {
                (toDead ??= []).Add(index);
                dead.Add(DeadLetter(stream, group, pending));
                continue;
            }
            pending.DeliveryCount++;
            pending.Consumer = consumer;
            pending.LeaseExpiresAt = now + options.Lease;
            deliveries.Add(new BusDelivery(stream, group, pending.Entry.Id, pending.Entry.Message, pending.DeliveryCount));
        }
        foreach (var index in toDead ?? [])
            g.Pending.Remove(index);
    }

    private static BusMessage DeadLetter(string stream, string group, PendingEntry pending)
    {
        var headers = new Dictionary<string, string>(pending.Entry.Message.Headers ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [DeadStreamHeader] = stream,
            [DeadIdHeader] = pending.Entry.Id,
            [DeadGroupHeader] = group,
            [DeadDeliveriesHeader] = pending.DeliveryCount.ToString(CultureInfo.InvariantCulture),
        };
        return pending.Entry.Message with { Headers = headers };
    }

    private async Task WaitAsync(Task appended, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, stop.Token);
        await Task.WhenAny(appended, delay);
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
