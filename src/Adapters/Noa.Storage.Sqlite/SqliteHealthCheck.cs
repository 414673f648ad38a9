using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Noa.Storage.Sqlite;

/// <summary>Ready when the database file answers a query (and so is not locked out or gone).</summary>
internal sealed class SqliteHealthCheck(SqliteMetadataStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var version = await store.SchemaVersionAsync(cancellationToken);
            return HealthCheckResult.Healthy($"schema version {version}");
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy("the SQLite metadata store does not answer", e);
        }
    }
}
