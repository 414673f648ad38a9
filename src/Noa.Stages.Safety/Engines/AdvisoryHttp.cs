using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Noa.Stages.Safety.Engines;

/// <summary>
/// The HTTP client of the online advisory sources (OSV API, npm bulk advisories, NuGet's vulnerability resources), from
/// <see cref="IHttpClientFactory"/> with the standard resilience handler: transient failures (5xx, 408, 429, connection
/// errors) are retried with jittered backoff (honouring <c>Retry-After</c>), a failing host trips the circuit breaker, and
/// each request keeps the old budget — a short connect timeout, 30 s in all — so a host that drops packets still costs
/// seconds, not the stage's run.
/// </summary>
internal static class AdvisoryHttp
{
    public const string ClientName = "noa-advisories";

    public static IServiceCollection AddAdvisoryHttpClient(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(Marker)))
            return services;
        services.AddSingleton<Marker>();
        services.AddHttpClient(ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                ConnectTimeout = TimeSpan.FromSeconds(5),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .AddStandardResilienceHandler(o =>
            {
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(30);
                // Two quick retries (0.5 s, 1 s, jittered): offline, a source that cannot be resolved costs ~2 s more, not ~6.
                o.Retry.MaxRetryAttempts = 2;
                o.Retry.Delay = TimeSpan.FromMilliseconds(500);
                // The breaker samples at least two attempt timeouts (the options' own rule).
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
            });
        return services;
    }

    private sealed class Marker;
}
