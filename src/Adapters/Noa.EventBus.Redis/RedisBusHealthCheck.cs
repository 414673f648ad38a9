using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Noa.EventBus.Redis;

/// <summary>Ready when the Redis server answers a ping on the bus's connection.</summary>
internal sealed class RedisBusHealthCheck(RedisConnector connector) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var db = await connector.DatabaseAsync();
            var latency = await db.PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:0.###} ms");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("the Redis bus server does not answer", e);
        }
    }
}
