using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Noa.Storage.Postgres;

/// <summary>Ready when the server answers and the schema is migrated.</summary>
internal sealed class PostgresHealthCheck(PostgresMetadataStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var version = await store.SchemaVersionAsync(cancellationToken);
            return HealthCheckResult.Healthy($"schema version {version}");
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("the Postgres metadata store does not answer", e);
        }
    }
}
