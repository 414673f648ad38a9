using System.Collections.Concurrent;
using Noa.Abstractions;

namespace Noa.EventBus.Redis;

/// <summary>
/// The deliveries each consumer of this process holds unacknowledged, so a read takes no more than the free
/// slots. A delivery stops counting when it is acknowledged or its lease runs out (then the server may hand it
/// to another consumer, and a crashed worker's slots come back).
/// </summary>
internal sealed class InFlightTracker(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Stream, string Group, string Consumer), Slots> _byConsumer = new();
    private readonly ConcurrentDictionary<(string Stream, string Group, string Id), Slots> _byEntry = new();

    public int Free(string stream, string group, string consumer, int limit)
    {
        if (!_byConsumer.TryGetValue((stream, group, consumer), out var slots))
            return limit;
        var now = time.GetUtcNow();
        lock (slots)
        {
            List<string>? expired = null;
            foreach (var (id, expiresAt) in slots.Leases)
            {
                if (expiresAt <= now)
                    (expired ??= []).Add(id);
            }
            foreach (var id in expired ?? [])
            {
                slots.Leases.Remove(id);
                _byEntry.TryRemove(new((stream, group, id), slots));
            }
            return Math.Max(0, limit - slots.Leases.Count);
        }
    }

    public void Hold(string consumer, IReadOnlyList<BusDelivery> deliveries, TimeSpan lease)
    {
        if (deliveries.Count == 0)
            return;
        var first = deliveries[0];
        var slots = _byConsumer.GetOrAdd((first.Stream, first.Group, consumer), static _ => new Slots());
        var expiresAt = time.GetUtcNow() + lease;
        lock (slots)
        {
            foreach (var d in deliveries)
            {
                slots.Leases[d.Id] = expiresAt;
                _byEntry[(d.Stream, d.Group, d.Id)] = slots;
            }
        }
    }

    public void Release(BusDelivery delivery)
    {
        if (!_byEntry.TryRemove((delivery.Stream, delivery.Group, delivery.Id), out var slots))
            return;
        lock (slots)
            slots.Leases.Remove(delivery.Id);
    }

    /// <summary>Drops what this process held of a deleted group.</summary>
    public void Forget(string stream, string group)
    {
        foreach (var key in _byConsumer.Keys.Where(k => k.Stream == stream && k.Group == group))
            _byConsumer.TryRemove(key, out _);
        foreach (var key in _byEntry.Keys.Where(k => k.Stream == stream && k.Group == group))
            _byEntry.TryRemove(key, out _);
    }

    private sealed class Slots
    {
        public Dictionary<string, DateTimeOffset> Leases { get; } = new(StringComparer.Ordinal);
    }
}
