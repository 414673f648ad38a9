using System.Collections.Concurrent;

namespace Noa.EventBus.Redis;

/// <summary>
/// When this process last looked for expired leases of a stream's group. Blocking reads look again a quarter of a
/// lease later (at most every <see cref="RedisBusSettings.BlockSlice"/>), so an abandoned entry is redelivered at
/// most a quarter lease after its lease ran out, while a busy reader is not slowed by a reclaim on every read.
/// </summary>
internal sealed class ReclaimSchedule(RedisConnector connector)
{
    private readonly ConcurrentDictionary<(string Stream, string Group), long> _last = new();

    /// <summary>Milliseconds until a reclaim is due; zero or less when it is due now.</summary>
    public long DueIn(string stream, string group, TimeSpan lease)
    {
        if (!_last.TryGetValue((stream, group), out var last))
            return 0;
        var interval = Math.Min((long)lease.TotalMilliseconds / 4, (long)connector.Settings.BlockSlice.TotalMilliseconds);
        return last + Math.Max(1, interval) - Environment.TickCount64;
    }

    public void Ran(string stream, string group) => _last[(stream, group)] = Environment.TickCount64;

    public void Forget(string stream, string group) => _last.TryRemove((stream, group), out _);
}
