using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Noa.Abstractions;

namespace Noa.Artifacts.S3;

/// <summary>Registration of the S3 artifact store.</summary>
public static class Extensions
{
    /// <summary>
    /// Registers <see cref="S3ArtifactStore"/> as the <see cref="IArtifactStore"/> and <see cref="S3DeliverableStore"/> as the
    /// <see cref="IDeliverableStore"/> (unless registered), and a
    /// health check named <c>s3</c> tagged <c>ready</c> unless <see cref="S3Settings.DisableHealthChecks"/>.
    /// </summary>
    public static IServiceCollection AddS3Artifacts(this IServiceCollection services, Action<S3Settings> configure)
    {
        services.Configure(configure);
        services.TryAddSingleton<S3ArtifactStore>();
        services.TryAddSingleton<IArtifactStore>(sp => sp.GetRequiredService<S3ArtifactStore>());
        // Where the artifacts are in S3, the Registrar's deliverables go to the same bucket with the same client.
        services.TryAddSingleton<IDeliverableStore, S3DeliverableStore>();

        var settings = new S3Settings();
        configure(settings);
        // "ready" is Noa.Hosting's ReadyTag: /readyz runs the checks carrying it. Adapters do not reference Hosting.
        if (!settings.DisableHealthChecks && !services.Any(d => d.ServiceType == typeof(S3HealthCheck)))
        {
            services.AddSingleton<S3HealthCheck>();
            services.AddHealthChecks().AddCheck<S3HealthCheck>("s3", tags: ["ready"]);
        }
        return services;
    }
}
