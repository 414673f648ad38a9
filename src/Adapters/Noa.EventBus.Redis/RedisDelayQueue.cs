using System.Globalization;
using Noa.Abstractions;
using StackExchange.Redis;

namespace Noa.EventBus.Redis;

/// <summary>
/// The delay queue on Redis: per queue a sorted set of keys scored by due time in Unix milliseconds
/// (<c>noa:delay:{queue}</c>) and a hash of the items' due times and payloads (<c>noa:delay:{queue}:items</c>); the braces keep both in one
/// Redis Cluster slot. A claim is one script that takes the due keys and rescores them to the end of the lease, so two
/// pollers never get the same item; the score is also the claim's identity when it is completed. Times come from this
/// process's clock, so the pollers' clocks should agree to well under a retry interval.
/// </summary>
internal sealed class RedisDelayQueue(RedisConnector connector, TimeProvider time) : IDelayQueue
{
    /// <inheritdoc />
    public async Task ScheduleAsync(string queue, string key, string payload, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(payload);
        var db = await connector.DatabaseAsync();
        await db.ScriptEvaluateAsync(DelayScripts.Schedule, Keys(queue), [key, payload, dueAt.ToUnixTimeMilliseconds()]).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DelayedItem>> ClaimDueAsync(string queue, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var until = now + (long)lease.TotalMilliseconds;
        var db = await connector.DatabaseAsync();
        var reply = (RedisResult[])(await db.ScriptEvaluateAsync(DelayScripts.Claim, Keys(queue), [now, Math.Max(1, max), until]).WaitAsync(cancellationToken))!;
        var claimed = new List<DelayedItem>(reply.Length);
        foreach (var entry in reply)
        {
            var item = (RedisResult[])entry!;
            var dueAt = long.Parse((string)item[2]!, CultureInfo.InvariantCulture);
            claimed.Add(new DelayedItem((string)item[0]!, (string?)item[1] ?? "", DateTimeOffset.FromUnixTimeMilliseconds(dueAt),
                DateTimeOffset.FromUnixTimeMilliseconds(until)));
        }
        return claimed;
    }

    /// <inheritdoc />
    public async Task<bool> CompleteAsync(string queue, DelayedItem claimed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var db = await connector.DatabaseAsync();
        var reply = await db.ScriptEvaluateAsync(DelayScripts.Complete, Keys(queue), [claimed.Key, claimed.ClaimedUntil.ToUnixTimeMilliseconds()]).WaitAsync(cancellationToken);
        return (long)reply == 1;
    }

    /// <inheritdoc />
    public async Task<bool> CancelAsync(string queue, string key, CancellationToken cancellationToken = default)
    {
        var db = await connector.DatabaseAsync();
        return (long)await db.ScriptEvaluateAsync(DelayScripts.Cancel, Keys(queue), [key]).WaitAsync(cancellationToken) == 1;
    }

    private static RedisKey[] Keys(string queue)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        return [$"noa:delay:{{{queue}}}", $"noa:delay:{{{queue}}}:items"];
    }
}
