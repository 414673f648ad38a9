using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Noa.OpenAi;

/// <summary>The <see cref="IHttpClientFactory"/> client of an OpenAI-compatible server, with the standard resilience handler.</summary>
public static class OpenAiHttp
{
    /// <summary>
    /// Adds the named client: a busy or restarting model server (429, 503, a dropped connection) is retried with jittered
    /// backoff and <c>Retry-After</c> up to <paramref name="retries"/> times, one attempt may take <paramref name="attempt"/> and
    /// a request with its retries <paramref name="total"/>, and a dead server trips the circuit breaker.
    /// </summary>
    public static IServiceCollection AddOpenAiClient(this IServiceCollection services, string name, TimeSpan attempt, TimeSpan total, int retries)
    {
        services.AddHttpClient(name)
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler(o =>
            {
                o.AttemptTimeout.Timeout = attempt;
                o.TotalRequestTimeout.Timeout = total;
                o.Retry.MaxRetryAttempts = retries;
                // The breaker samples at least two attempt timeouts (the options' own rule).
                o.CircuitBreaker.SamplingDuration = attempt * 2;
            });
        return services;
    }
}
