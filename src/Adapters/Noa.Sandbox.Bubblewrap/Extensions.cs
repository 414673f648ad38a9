using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Noa.Abstractions;

namespace Noa.Sandbox.Bubblewrap;

/// <summary>Registration of the bubblewrap sandbox.</summary>
public static class Extensions
{
    /// <summary>Registers the bubblewrap + cgroups sandbox as the <see cref="ISandbox"/> (unless one is registered).</summary>
    public static IServiceCollection AddBubblewrapSandbox(this IServiceCollection services, Action<BubblewrapSettings>? configure = null)
    {
        if (configure is not null)
            services.Configure(configure);
        else
            services.AddOptions<BubblewrapSettings>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BubblewrapSandbox>();
        services.TryAddSingleton<ISandbox>(sp => sp.GetRequiredService<BubblewrapSandbox>());
        return services;
    }
}
