using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Noa.Abstractions;

namespace Noa.Storage.Sqlite;

/// <summary>Registration of the SQLite metadata store.</summary>
public static class Extensions
{
    /// <summary>
    /// Registers one <see cref="SqliteMetadataStore"/> as <see cref="IRunStore"/>, <see cref="IAuditLog"/>, <see cref="IApiKeyStore"/>, <see cref="IPolicyStore"/> and <see cref="ICatalog"/>
    /// (unless they are registered), and a health check named <c>sqlite</c> tagged <c>ready</c>
    /// unless <see cref="SqliteSettings.DisableHealthChecks"/>.
    /// </summary>
    public static IServiceCollection AddSqliteMetadata(this IServiceCollection services, Action<SqliteSettings> configure)
    {
        services.Configure(configure);
        services.TryAddSingleton<SqliteMetadataStore>();
        services.TryAddSingleton<IRunStore>(sp => sp.GetRequiredService<SqliteMetadataStore>());
        services.TryAddSingleton<IAuditLog>(sp => sp.GetRequiredService<SqliteMetadataStore>());
        services.TryAddSingleton<IApiKeyStore>(sp => sp.GetRequiredService<SqliteMetadataStore>());
        services.TryAddSingleton<IPolicyStore>(sp => sp.GetRequiredService<SqliteMetadataStore>());
        services.TryAddSingleton<ICatalog>(sp => sp.GetRequiredService<SqliteMetadataStore>());

        var settings = new SqliteSettings();
        configure(settings);
        // "ready" is Noa.Hosting's ReadyTag: /readyz runs the checks carrying it. Adapters do not reference Hosting.
        // Health check names must be unique, so a second call must not add it again.
        if (!settings.DisableHealthChecks && !services.Any(d => d.ServiceType == typeof(SqliteHealthCheck)))
        {
            services.AddSingleton<SqliteHealthCheck>();
            services.AddHealthChecks().AddCheck<SqliteHealthCheck>("sqlite", tags: ["ready"]);
        }
        return services;
    }
}
