using Noa.Abstractions;

namespace Noa.EventBus.InProcess;

/// <summary>
/// The delay queue inside one process, on the injected clock: per queue a set ordered by due time (millisecond
/// scores, like the Redis one) and the payloads by key. Timers held here die with the process.
/// </summary>
public sealed class InProcessDelayQueue(TimeProvider time) : IDelayQueue
{
    private readonly Dictionary<string, Queue> _queues = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task ScheduleAsync(string queue, string key, string payload, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(payload);
        lock (_queues)
        {
            var q = QueueOf(queue);
            Remove(q, key);
            var score = dueAt.ToUnixTimeMilliseconds();
            q.Items[key] = (payload, score, score);
            q.ByScore.Add((score, key));
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DelayedItem>> ClaimDueAsync(string queue, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var until = now + (long)lease.TotalMilliseconds;
        var claimed = new List<DelayedItem>();
        lock (_queues)
        {
            var q = QueueOf(queue);
            foreach (var (score, key) in q.ByScore.TakeWhile(e => e.Score <= now).Take(max).ToArray())
            {
                var (payload, dueAt, _) = q.Items[key];
                q.ByScore.Remove((score, key));
                q.ByScore.Add((until, key));
                q.Items[key] = (payload, dueAt, until);
                claimed.Add(new DelayedItem(key, payload, DateTimeOffset.FromUnixTimeMilliseconds(dueAt), DateTimeOffset.FromUnixTimeMilliseconds(until)));
            }
        }
        return Task.FromResult<IReadOnlyList<DelayedItem>>(claimed);
    }

    /// <inheritdoc />
    public Task<bool> CompleteAsync(string queue, DelayedItem claimed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        lock (_queues)
        {
            var q = QueueOf(queue);
            var current = q.Items.TryGetValue(claimed.Key, out var item) && item.Score == claimed.ClaimedUntil.ToUnixTimeMilliseconds();
            return Task.FromResult(current && Remove(q, claimed.Key));
        }
    }

    /// <inheritdoc />
    public Task<bool> CancelAsync(string queue, string key, CancellationToken cancellationToken = default)
    {
        lock (_queues)
            return Task.FromResult(Remove(QueueOf(queue), key));
    }

    private Queue QueueOf(string queue)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        if (!_queues.TryGetValue(queue, out var q))
            _queues.Add(queue, q = new Queue());
        return q;
    }

    private static bool Remove(Queue q, string key)
    {
        if (!q.Items.Remove(key, out var item))
            return false;
        q.ByScore.Remove((item.Score, key));
        return true;
    }

    private sealed class Queue
    {
        public SortedSet<(long Score, string Key)> ByScore { get; } = new(Comparer<(long Score, string Key)>.Create(
            (a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : string.CompareOrdinal(a.Key, b.Key)));

        public Dictionary<string, (string Payload, long DueAt, long Score)> Items { get; } = new(StringComparer.Ordinal);
    }
}
