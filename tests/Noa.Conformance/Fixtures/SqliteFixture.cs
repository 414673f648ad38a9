using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Storage.Sqlite;

namespace Noa.Conformance;

/// <summary>Fresh SQLite database files under one temp folder.</summary>
public sealed class SqliteFixture : IRunStoreFixture, IAuditLogFixture, IDisposable
{
    private readonly TempFolder _folder = new("noa-sqlite");

    /// <inheritdoc />
    public string? Unavailable => null;

    /// <summary>A connection string to a new database file.</summary>
    public string NewConnectionString() => $"Data Source={_folder.Next("meta")}.db";

    /// <summary>A store over the given database.</summary>
    public static SqliteMetadataStore Open(string connectionString) =>
        new(Options.Create(new SqliteSettings { ConnectionString = connectionString }), NullLogger<SqliteMetadataStore>.Instance);

    /// <inheritdoc />
    public Task<IRunStore> CreateRunStoreAsync() => Task.FromResult<IRunStore>(Open(NewConnectionString()));

    /// <inheritdoc />
    public Task<IAuditLog> CreateAuditLogAsync() => Task.FromResult<IAuditLog>(Open(NewConnectionString()));

    /// <inheritdoc />
    public void Dispose()
    {
        // Pooled connections keep the files open; release them before deleting.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
