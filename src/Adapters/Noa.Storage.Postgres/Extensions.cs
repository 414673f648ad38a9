using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Noa.Abstractions;

namespace Noa.Storage.Postgres;

/// <summary>Registration of the Postgres metadata store.</summary>
public static class Extensions
{
    /// <summary>
    /// Registers one <see cref="PostgresMetadataStore"/> as <see cref="IRunStore"/>, <see cref="IAuditLog"/>, <see cref="IApiKeyStore"/>, <see cref="IPolicyStore"/> and <see cref="ICatalog"/>
    /// (unless they are registered), and a health check named <c>postgres</c> tagged <c>ready</c>
    /// unless <see cref="PostgresSettings.DisableHealthChecks"/>.
    /// </summary>
    public static IServiceCollection AddPostgresMetadata(this IServiceCollection services, Action<PostgresSettings> configure)
    {
        services.Configure(configure);
        services.TryAddSingleton<PostgresMetadataStore>();
        services.TryAddSingleton<IRunStore>(sp => sp.GetRequiredService<PostgresMetadataStore>());
        services.TryAddSingleton<IAuditLog>(sp => sp.GetRequiredService<PostgresMetadataStore>());
        services.TryAddSingleton<IApiKeyStore>(sp => sp.GetRequiredService<PostgresMetadataStore>());
        services.TryAddSingleton<IPolicyStore>(sp => sp.GetRequiredService<PostgresMetadataStore>());
        services.TryAddSingleton<ICatalog>(sp => sp.GetRequiredService<PostgresMetadataStore>());

        var settings = new PostgresSettings();
        configure(settings);
        // "ready" is Noa.Hosting's ReadyTag: /readyz runs the checks carrying it. Adapters do not reference Hosting.
        // Health check names must be unique, so a second call must not add it again.
        if (!settings.DisableHealthChecks && !services.Any(d => d.ServiceType == typeof(PostgresHealthCheck)))
        {
            services.AddSingleton<PostgresHealthCheck>();
            services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"]);
        }
        return services;
    }
}
