using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Capsule.Api;
using Noa.Hosting;
using Noa.Images.Buildah;
using Noa.Sandbox.Bubblewrap;

namespace Noa.Capsule;

/// <summary>Registration of the capsule module.</summary>
public static class Extensions
{
    /// <summary>
    /// Registers <see cref="ICapsules"/> (the manager, its sidecars and telemetry), the bubblewrap <see cref="ISandbox"/>
    /// and the buildah <see cref="IImageBuilder"/>, with <see cref="CapsuleOptions"/> validated at start. When the gateway
    /// module is active in the same process, the capsule endpoints are mapped behind its API keys; never without it.
    /// Needs an <see cref="IAuditLog"/>.
    /// </summary>
    public static IServiceCollection AddCapsules(this IServiceCollection services, Action<CapsuleOptions> configure,
        Action<BubblewrapSettings>? sandbox = null, Action<BuildahSettings>? images = null)
    {
        services.AddOptions<CapsuleOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CapsuleOptions>, CapsuleOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddBubblewrapSandbox(sandbox);
        services.AddBuildahImages(images);
        services.AddMetrics();
        services.TryAddSingleton<CapsuleManager>();
        services.TryAddSingleton<ICapsules>(sp => sp.GetRequiredService<CapsuleManager>());
        if (!services.Any(d => d.ServiceType == typeof(CapsuleEndpointsMarker)))
        {
            services.AddSingleton<CapsuleEndpointsMarker>();
            services.AddModuleEndpoints(app =>
            {
                // The endpoints exist only behind the gateway's API keys, audit and problem details.
                if (app.Services.GetService<ActiveModules>()?.Contains("gateway") == true)
                    CapsuleEndpoints.Map(app);
            });
        }
        return services;
    }

    private sealed class CapsuleEndpointsMarker;
}
