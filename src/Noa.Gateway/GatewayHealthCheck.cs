using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary>Ready when the bus answers (the gateway cannot queue runs without it) and the key store answers (nor authenticate).</summary>
internal sealed class GatewayHealthCheck(IMessageBus bus, IApiKeyStore keys, IOptions<GatewayOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            var depth = await bus.GetLagAsync(StartRun.Stream, StartRun.Group, timeout.Token);
            await keys.GetKeyAsync("readiness-probe", timeout.Token);
            var limit = options.Value.MaxQueueDepth;
            return depth >= limit
                ? HealthCheckResult.Degraded($"runs.requests is full ({depth} of {limit}): POST /digest answers 429")
                : HealthCheckResult.Healthy($"runs.requests depth {depth} of {limit}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("the bus or the key store does not answer", e);
        }
    }
}
