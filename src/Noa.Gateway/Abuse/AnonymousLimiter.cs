using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Noa.Gateway;

/// <summary>
/// A token bucket per client address (<see cref="ClientAddress"/>) for calls that present no valid key: each failed
/// authentication takes a token, and a client whose bucket is empty gets 429 before its key is even looked up (so a
/// flood of made-up keys costs neither store queries nor audit rows). Calls with a valid key are limited per key instead.
/// </summary>
internal sealed class AnonymousLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public AnonymousLimiter(IOptions<GatewayOptions> options)
    {
        var o = options.Value;
        Burst = o.AnonymousRateLimitBurst;
        PerSecond = o.AnonymousRateLimitPerSecond;
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.AnonymousRateLimitBurst,
            TokensPerPeriod = o.AnonymousRateLimitPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }), StringComparer.Ordinal);
    }

    public int Burst { get; }

    public int PerSecond { get; }

    /// <summary>Whether the client has no token left (nothing is taken).</summary>
    public bool Exhausted(string client)
    {
        using var probe = _limiter.AttemptAcquire(client, 0);
        return !probe.IsAcquired;
    }

    /// <summary>Counts one failed authentication; false when the client had no token left.</summary>
    public bool TryTake(string client)
    {
        using var lease = _limiter.AttemptAcquire(client, 1);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
