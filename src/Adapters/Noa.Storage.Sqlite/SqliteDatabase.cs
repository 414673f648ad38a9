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
internal sealed partial class SqliteDatabase
{
    private const int BusyTimeoutMs = 10_000;
    private const int ReserveBytes = 1 << 20;
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

    /// <summary>Deletes the reserve file, if there is one; true when that freed space.</summary>
    public bool ReleaseReserve()
    {
        if (_reserve is null || !File.Exists(_reserve))
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

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
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

    private void Migrate(ILogger logger)
    {
        using var connection = OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        Execute(connection, null, "PRAGMA journal_mode = WAL;");
        Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);");

        using var transaction = connection.BeginTransaction(deferred: false);
        var applied = new HashSet<int>();
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT version FROM schema_migrations;";
            using var reader = read.ExecuteReader();
            while (reader.Read())
                applied.Add(reader.GetInt32(0));
        }
        foreach (var migration in Schema.Migrations.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
        {
            Execute(connection, transaction, migration.Sql);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, $at);";
            record.Parameters.AddWithValue("$v", migration.Version);
            record.Parameters.AddWithValue("$n", migration.Name);
            record.Parameters.AddWithValue("$at", SqlText.Time(DateTimeOffset.UtcNow));
            record.ExecuteNonQuery();
            Log.MigrationApplied(logger, migration.Version, migration.Name);
        }
        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static bool IsInMemory(string dataSource) =>
        dataSource.Length == 0 || dataSource.Equals(":memory:", StringComparison.OrdinalIgnoreCase);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Applied schema migration {Version}: {Name}")]
        public static partial void MigrationApplied(ILogger logger, int version, string name);
    }
}
