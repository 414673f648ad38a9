using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Noa.Abstractions;

namespace Noa.Vectors.Embedded;

/// <summary>Registration of the embedded vector store.</summary>
public static class Extensions
{
    /// <summary>Registers one <see cref="EmbeddedVectorStore"/> as <see cref="IVectorStore"/> unless one is registered.</summary>
    public static IServiceCollection AddEmbeddedVectors(this IServiceCollection services, Action<EmbeddedVectorSettings> configure)
    {
        services.Configure(configure);
        services.TryAddSingleton<EmbeddedVectorStore>();
        services.TryAddSingleton<IVectorStore>(sp => sp.GetRequiredService<EmbeddedVectorStore>());
        return services;
    }
}
