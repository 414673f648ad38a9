using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Noa.Storage.Sqlite;

/// <summary>
/// Opens connections to one database file and brings its schema up to date. Several processes may
/// share the file: WAL lets readers run beside the one writer, the busy timeout makes writers queue
/// instead of failing, and migrations run under <c>BEGIN IMMEDIATE</c> so only one process applies them.
/// A file database keeps a reserve beside it (<c>{file}.reserve</c>, 1 MiB): when the disk fills up, the store gives it up
/// and tries the write once more, so that the end of a run (failed, with the reason) can still be recorded.
/// </summary>
internal sealed class SqliteDatabase : ISqlConnectionSource
{
    private const int BusyTimeoutMs = 10_000;
    private const int ReserveBytes = 1 << 20;
    private const int SqliteFull = 13;
    private readonly string? _reserve;
    private static readonly object Marker = new();
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = new();
    private readonly string _connectionString;

    public SqliteDatabase(string connectionString, ILogger logger)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode is SqliteOpenMode.ReadWriteCreate && !IsInMemory(builder.DataSource))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
                Directory.CreateDirectory(folder);
        }
        _connectionString = builder.ToString();
        Migrate(logger);
        if (builder.Mode is SqliteOpenMode.ReadWriteCreate && !IsInMemory(builder.DataSource))
        {
            _reserve = Path.GetFullPath(builder.DataSource) + ".reserve";
            Reserve(_reserve);
        }
    }

    /// <summary>On a full disk (SQLITE_FULL), deletes the reserve file, if there is one; true when that freed space.</summary>
    public bool MadeRoomFor(DbException error)
    {
        if (error is not SqliteException { SqliteErrorCode: SqliteFull } || _reserve is null || !File.Exists(_reserve))
            return false;
        try
        {
            File.Delete(_reserve);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // Best effort: on a disk already too full for it, there is simply no reserve until a later start.
    private static void Reserve(string path)
    {
        if (File.Exists(path))
            return;
        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            file.Write(new byte[ReserveBytes]);
        }
        catch (IOException)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
        }
    }

    public SqlDialect Dialect => SqlDialect.Sqlite;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // Per native connection, which the pool keeps open and hands out again: set once per handle, not on every
        // open (a command per metadata write otherwise). synchronous=NORMAL in WAL mode: a commit survives a killed
        // process (what resume relies on) and only a power cut can lose the last commits, without an fsync per write
        // (FULL cost ~4 ms a write).
        if (connection.Handle is { } handle && !Configured.TryGetValue(handle, out _))
        {
            using var pragma = connection.CreateCommand();
            // noa:ignore csharp-sql-concat — a constant: PRAGMA values cannot be parameters
            pragma.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            Configured.AddOrUpdate(handle, Marker);
        }
        return connection;
    }

    // Pooled connections are the pool's; there is nothing of ours to release.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose()
    {
    }

    // In the constructor (SQLite is a local file, so there is no server to wait for) and synchronously: Microsoft.Data.Sqlite's
    // async methods complete synchronously anyway.
    private void Migrate(ILogger logger)
    {
        using var connection = (SqliteConnection)OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        // WAL is a property of the file, set with the first migration; a current schema needs neither it nor the lock.
        if (SchemaMigrator.IsCurrentAsync(connection, Dialect, CancellationToken.None).GetAwaiter().GetResult())
            return;
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }
        using var transaction = connection.BeginTransaction(deferred: false);
        SchemaMigrator.ApplyAsync(connection, transaction, Dialect, logger, CancellationToken.None).GetAwaiter().GetResult();
        transaction.Commit();
    }

    private static bool IsInMemory(string dataSource) =>
        dataSource.Length == 0 || dataSource.Equals(":memory:", StringComparison.OrdinalIgnoreCase);
}
