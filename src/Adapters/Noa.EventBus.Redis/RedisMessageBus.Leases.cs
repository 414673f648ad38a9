using Noa.Abstractions;
using StackExchange.Redis;

namespace Noa.EventBus.Redis;

/// <summary>Heartbeats: the owner of a pending entry re-claims it, which resets its idle time (the lease clock of <c>XAUTOCLAIM</c>).</summary>
internal sealed partial class RedisMessageBus
{
    /// <summary>
    /// KEYS: stream. ARGV: group, consumer, id. Re-claims the entry with <c>XCLAIM … JUSTID</c> (idle back to 0, delivery
    /// count unchanged) only while the consumer still owns it, so a worker whose lease already went to another
    /// consumer cannot take the entry back. Returns 1 when renewed, 0 otherwise.
    /// </summary>
    private const string ExtendLeaseScript = """
        local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[3], 1)
        if #p == 0 or p[1][2] ~= ARGV[2] then return 0 end
        redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[3], 'JUSTID')
        return 1
        """;

    /// <inheritdoc />
    public async Task<bool> ExtendLeaseAsync(BusDelivery delivery, string consumer, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        cancellationToken.ThrowIfCancellationRequested();
        var db = await connector.DatabaseAsync();
        RedisResult renewed;
        try
        {
            renewed = await db.ScriptEvaluateAsync(ExtendLeaseScript, [delivery.Stream], [delivery.Group, consumer, delivery.Id]);
        }
        catch (RedisServerException e) when (IsNoGroup(e))
        {
            return false;
        }
        if ((long)renewed != 1)
            return false;
        inFlight.Hold(consumer, [delivery], lease);
        return true;
    }
}
