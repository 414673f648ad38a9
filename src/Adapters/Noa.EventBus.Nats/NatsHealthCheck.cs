using Microsoft.Extensions.Diagnostics.HealthChecks;
using NATS.Client.Core;

namespace Noa.EventBus.Nats;

/// <summary>Ready when the NATS server answers a ping on the bus's connection.</summary>
internal sealed class NatsHealthCheck(NatsConnector connector) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var rtt = await connector.Connection.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy($"ping {rtt.TotalMilliseconds:0.###} ms");
        }
        catch (Exception e) when (e is NatsException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("the NATS bus server does not answer", e);
        }
    }
}
