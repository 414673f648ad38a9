using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace Noa.Storage.Sql;

/// <summary>
/// Applies the pending <see cref="MetadataSchema"/> migrations inside a transaction the provider opened after taking
/// its lock (SQLite: <c>BEGIN IMMEDIATE</c>; Postgres: an advisory lock), and records each in <c>schema_migrations</c>.
/// The caller commits.
/// </summary>
internal static partial class SchemaMigrator
{
    public const string CreateTable =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);";

    public static async Task ApplyAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, ILogger logger, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, CreateTable, cancellationToken);
        var applied = new HashSet<int>();
        await using (var read = Command(connection, transaction, "SELECT version FROM schema_migrations;"))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                applied.Add(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }
        foreach (var migration in MetadataSchema.For(dialect).Where(m => !applied.Contains(m.Version)))
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using var record = Command(connection, transaction, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, @n, @at);");
            new SqlParameters(record).Int32("v", migration.Version).Text("n", migration.Name).Text("at", SqlText.Time(DateTimeOffset.UtcNow));
            await record.ExecuteNonQueryAsync(cancellationToken);
            Log.MigrationApplied(logger, dialect.Name, migration.Version, migration.Name);
        }
    }

    /// <summary>
    /// True when every migration is already recorded, read without a transaction: a process that starts on a current
    /// schema (every CLI command after the first) then takes no write lock. False on a new database (no table yet).
    /// </summary>
    public static async Task<bool> IsCurrentAsync(DbConnection connection, SqlDialect dialect, CancellationToken cancellationToken)
    {
        var applied = new HashSet<int>();
        try
        {
            await using var read = connection.CreateCommand();
            read.CommandText = "SELECT version FROM schema_migrations;";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                applied.Add(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (DbException)
        {
            return false; // no schema_migrations table: nothing was ever applied
        }
        return MetadataSchema.For(dialect).All(m => applied.Contains(m.Version));
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static partial class Log
    {
        [LoggerMessage(LogEvents.MigrationApplied, LogLevel.Information, "Applied {Database} schema migration {Version}: {Name}")]
        public static partial void MigrationApplied(ILogger logger, string database, int version, string name);
    }
}
