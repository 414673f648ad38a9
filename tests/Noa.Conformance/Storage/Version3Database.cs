using System.Data.Common;
using Noa.Storage.Sql;

namespace Noa.Conformance;

/// <summary>A metadata database as migration 3 left it (before tenants): one key, a run it queued, a CLI run.</summary>
internal static class Version3Database
{
    public static async Task SeedAsync(DbConnection connection, SqlDialect dialect)
    {
        await ExecuteAsync(connection, SchemaMigrator.CreateTable);
        foreach (var migration in MetadataSchema.For(dialect).Where(m => m.Version <= 3))
        {
            await ExecuteAsync(connection, migration.Sql);
            await ExecuteAsync(connection, $"INSERT INTO schema_migrations (version, name, applied_at) VALUES ({migration.Version}, 'seed', '2026-01-01T00:00:00.0000000Z');");
        }
        await ExecuteAsync(connection, """
            INSERT INTO api_keys (key_id, name, secret_hash, scopes, created_at, created_by)
            VALUES ('k1', 'ci', 'h', '["digest:write"]', '2026-01-01T00:00:00.0000000Z', 'bootstrap');
            INSERT INTO runs (run_id, workflow, state, request, created_at, updated_at) VALUES
              ('r-gateway', 'digest', 'succeeded', '{"source":"https://example.org/a.git","requestedBy":"k1"}', '2026-01-01T00:00:01.0000000Z', '2026-01-01T00:00:01.0000000Z'),
              ('r-cli', 'digest', 'succeeded', '{"source":"/src","requestedBy":"ana"}', '2026-01-01T00:00:02.0000000Z', '2026-01-01T00:00:02.0000000Z');
            """);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
