using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Noa.Abstractions;

namespace Noa.Storage.Sqlite;

/// <summary>Registration of the SQLite metadata store.</summary>
public static class Extensions
{
    /// <summary>Registers one <see cref="SqliteMetadataStore"/> as both <see cref="IRunStore"/> and <see cref="IAuditLog"/>, unless they are registered.</summary>
    public static IServiceCollection AddSqliteMetadata(this IServiceCollection services, Action<SqliteSettings> configure)
    {
        services.Configure(configure);
        services.TryAddSingleton<SqliteMetadataStore>();
        services.TryAddSingleton<IRunStore>(sp => sp.GetRequiredService<SqliteMetadataStore>());
        services.TryAddSingleton<IAuditLog>(sp => sp.GetRequiredService<SqliteMetadataStore>());
        return services;
    }
}
