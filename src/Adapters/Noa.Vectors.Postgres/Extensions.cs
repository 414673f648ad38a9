using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Noa.Abstractions;

namespace Noa.Vectors.Postgres;

/// <summary>Registration of the pgvector store.</summary>
public static class Extensions
{
    /// <summary>Registers one <see cref="PostgresVectorStore"/> as <see cref="IVectorStore"/> unless one is registered.</summary>
    public static IServiceCollection AddPostgresVectors(this IServiceCollection services, Action<PostgresVectorSettings> configure)
    {
        services.Configure(configure);
        services.TryAddSingleton<PostgresVectorStore>();
        services.TryAddSingleton<IVectorStore>(sp => sp.GetRequiredService<PostgresVectorStore>());
        return services;
    }
}
