using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Noa.EventBus.Redis;

/// <summary>
/// The bus's counters on the <c>Noa.EventBus.Redis</c> meter (from the host's <see cref="IMeterFactory"/>), tagged with the stream: what was published,
/// delivered (first time or again after a lease ran out), acknowledged and dead-lettered.
/// </summary>
internal sealed class RedisBusMetrics
{
    public const string MeterName = "Noa.EventBus.Redis";

    private readonly Meter _meter;
    private readonly Counter<long> _published, _delivered, _acked, _deadLettered;

    // The host's factory owns the meter (and disposes it with the container).
    public RedisBusMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _published = _meter.CreateCounter<long>("noa.bus.published", "{message}", "Messages appended to a stream");
        _delivered = _meter.CreateCounter<long>("noa.bus.delivered", "{message}", "Deliveries to consumers, redelivered=true after a lease ran out");
        _acked = _meter.CreateCounter<long>("noa.bus.acked", "{message}", "Deliveries acknowledged");
        _deadLettered = _meter.CreateCounter<long>("noa.bus.dead_lettered", "{message}", "Messages moved to the dead-letter stream");
    }

    public void Published(string stream) => _published.Add(1, new KeyValuePair<string, object?>("stream", stream));

    public void Delivered(string stream, int first, int again)
    {
        if (first > 0)
            _delivered.Add(first, new TagList { { "stream", stream }, { "redelivered", false } });
        if (again > 0)
            _delivered.Add(again, new TagList { { "stream", stream }, { "redelivered", true } });
    }

    public void Acked(string stream) => _acked.Add(1, new KeyValuePair<string, object?>("stream", stream));

    public void DeadLettered(string stream, int count) => _deadLettered.Add(count, new KeyValuePair<string, object?>("stream", stream));
}
