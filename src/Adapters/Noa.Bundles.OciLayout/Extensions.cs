using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Noa.Abstractions;

namespace Noa.Bundles.OciLayout;

/// <summary>Registration of the OCI image layout bundle store.</summary>
public static class Extensions
{
    /// <summary>Registers <see cref="OciLayoutStore"/> as the <see cref="IBundleRegistry"/>, unless one is registered.</summary>
    public static IServiceCollection AddOciLayoutBundles(this IServiceCollection services, Action<OciLayoutSettings> configure)
    {
        services.Configure(configure);
        services.TryAddSingleton<IBundleRegistry, OciLayoutStore>();
        return services;
    }
}
