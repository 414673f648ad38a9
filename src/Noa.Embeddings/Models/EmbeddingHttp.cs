using Microsoft.Extensions.DependencyInjection;
using Noa.OpenAi;

namespace Noa.Embeddings.Models;

/// <summary>Registration of the <see cref="EmbeddingModelCache"/> with the HTTP client of OpenAI-compatible embedding servers.</summary>
public static class EmbeddingHttp
{
    /// <summary>The name of the client in <see cref="IHttpClientFactory"/>.</summary>
    public const string ClientName = "noa-embeddings";

    /// <summary>
    /// Adds the <see cref="EmbeddingModelCache"/> singleton, whose OpenAI-compatible generators post through the factory's
    /// <see cref="ClientName"/> client with the standard resilience handler: a busy or restarting model server (429, 503,
    /// a dropped connection) is retried with jittered backoff and <c>Retry-After</c>, one batch may take 2 minutes and a
    /// request with its retries 5 (the old client's limit), and a dead server trips the circuit breaker.
    /// </summary>
    public static IServiceCollection AddEmbeddingModelCache(this IServiceCollection services)
    {
        services.AddOpenAiClient(ClientName, attempt: TimeSpan.FromMinutes(2), total: TimeSpan.FromMinutes(5), retries: 3);
        services.AddSingleton(sp => new EmbeddingModelCache(sp.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName)));
        return services;
    }
}
