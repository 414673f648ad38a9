using System.Data.Common;
using Microsoft.Extensions.Logging;
using Noa.Credentials;
using Noa.Storage.Sql;
using Npgsql;

namespace Noa.Storage.Postgres;

/// <summary>
/// One pooled data source and the schema brought up to date before first use. Several processes may
/// start at once against one database: migrations run in one transaction under a transaction-scoped
/// advisory lock keyed by the schema, so one process applies them and the others then find them applied.
/// </summary>
internal sealed class PostgresDatabase : ISqlConnectionSource
{
    // pg_advisory_xact_lock(int, int): the first key says "noa migrations", the second which schema.
    private const int MigrationLockClass = 0x6E6F61;
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _migrationGate = new(1, 1);
    private volatile bool _migrated;

    public PostgresDatabase(PostgresSettings settings, ILogger logger)
    {
        var builder = new NpgsqlDataSourceBuilder(settings.ConnectionString);
        SecretFile.RefuseInline(!string.IsNullOrEmpty(builder.ConnectionStringBuilder.Password),
            "The Postgres connection string (Noa:Metadata:Postgres:ConnectionString)", "PasswordFile");
        // Asked for every new physical connection, so a rotated secret (a re-mounted file) is picked up without a restart.
        if (SecretFile.From(settings.PasswordFile, "Noa:Metadata:Postgres:PasswordFile") is { } password)
            builder.UsePasswordProvider(_ => password.Read(), (_, cancellationToken) => password.ReadAsync(cancellationToken));
        _dataSource = builder.Build();
        _logger = logger;
    }

    public SqlDialect Dialect => SqlDialect.Postgres;

    // The server owns its disk: nothing here to give up.
    public bool MadeRoomFor(DbException error) => false;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
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
            await SchemaMigrator.ApplyAsync(connection, transaction, Dialect, _logger, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            _migrated = true;
        }
        finally
        {
            _migrationGate.Release();
        }
    }
}
