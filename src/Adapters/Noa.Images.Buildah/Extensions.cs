using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Noa.Abstractions;

namespace Noa.Images.Buildah;

/// <summary>Registration of the buildah image builder.</summary>
public static class Extensions
{
    /// <summary>Registers buildah as the <see cref="IImageBuilder"/> (unless one is registered).</summary>
    public static IServiceCollection AddBuildahImages(this IServiceCollection services, Action<BuildahSettings>? configure = null)
    {
        if (configure is not null)
            services.Configure(configure);
        else
            services.AddOptions<BuildahSettings>();
        services.TryAddSingleton<BuildahImageBuilder>();
        services.TryAddSingleton<IImageBuilder>(sp => sp.GetRequiredService<BuildahImageBuilder>());
        return services;
    }
}
