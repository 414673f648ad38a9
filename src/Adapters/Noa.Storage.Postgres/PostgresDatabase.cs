using Microsoft.Extensions.Logging;
using Noa.Storage.Sql;
using Npgsql;

namespace Noa.Storage.Postgres;

/// <summary>
/// One pooled data source and the schema brought up to date before first use. Several processes may
/// start at once against one database: migrations run in one transaction under a transaction-scoped
/// advisory lock keyed by the schema, so one process applies them and the others then find them applied.
/// </summary>
internal sealed partial class PostgresDatabase : IAsyncDisposable, IDisposable
{
    // pg_advisory_xact_lock(int, int): the first key says "noa migrations", the second which schema.
    private const int MigrationLockClass = 0x6E6F61;
    private static readonly IReadOnlyList<Migration> Migrations = MetadataSchema.For(SqlDialect.Postgres);
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _migrationGate = new(1, 1);
    private volatile bool _migrated;

    public PostgresDatabase(PostgresSettings settings, ILogger logger)
    {
        var builder = new NpgsqlDataSourceBuilder(settings.ConnectionString);
        if (!string.IsNullOrEmpty(builder.ConnectionStringBuilder.Password))
            throw new InvalidOperationException("The Postgres connection string holds a password; secrets are read from files: set PasswordFile instead.");
        if (settings.PasswordFile is { Length: > 0 } passwordFile)
        {
            // Read for every new physical connection, so a rotated secret (a re-mounted file) is picked up without a restart.
            builder.UsePasswordProvider(
                _ => File.ReadAllText(passwordFile).TrimEnd('\r', '\n'),
                async (_, cancellationToken) => (await File.ReadAllTextAsync(passwordFile, cancellationToken)).TrimEnd('\r', '\n'));
        }
        _dataSource = builder.Build();
        _logger = logger;
    }

    /// <summary>An open connection to a migrated schema.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
            await MigrateAsync(cancellationToken);
        return await _dataSource.OpenConnectionAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _migrationGate.Dispose();
    }

    public void Dispose()
    {
        _dataSource.Dispose();
        _migrationGate.Dispose();
    }

    // Not done in the constructor: a server that is down at start-up makes the first calls (and /readyz) fail
    // until it answers, instead of failing the process; a failed attempt is retried by the next call.
    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _migrationGate.WaitAsync(cancellationToken);
        try
        {
            if (_migrated)
                return;
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@class, hashtext(current_schema()));", connection, transaction))
            {
                lockCommand.Parameters.AddWithValue("class", MigrationLockClass);
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            }
            await ExecuteAsync(connection, transaction,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);",
                cancellationToken);

            var applied = new HashSet<int>();
            await using (var read = new NpgsqlCommand("SELECT version FROM schema_migrations;", connection, transaction))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                    applied.Add(reader.GetInt32(0));
            }
            foreach (var migration in Migrations.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
            {
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
                await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, @n, @at);", connection, transaction);
                record.Parameters.AddWithValue("v", migration.Version);
                record.Parameters.AddWithValue("n", migration.Name);
                record.Parameters.AddWithValue("at", SqlText.Time(DateTimeOffset.UtcNow));
                await record.ExecuteNonQueryAsync(cancellationToken);
                Log.MigrationApplied(_logger, migration.Version, migration.Name);
            }
            await transaction.CommitAsync(cancellationToken);
            _migrated = true;
        }
        finally
        {
            _migrationGate.Release();
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Applied schema migration {Version}: {Name}")]
        public static partial void MigrationApplied(ILogger logger, int version, string name);
    }
}
