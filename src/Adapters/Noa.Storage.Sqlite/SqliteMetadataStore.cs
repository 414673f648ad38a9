using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Noa.Storage.Sqlite;

/// <summary>The metadata store (<see cref="SqlMetadataStore"/>) in one SQLite file.</summary>
public sealed class SqliteMetadataStore : SqlMetadataStore
{
    /// <summary>Opens the database and applies pending schema migrations.</summary>
    public SqliteMetadataStore(IOptions<SqliteSettings> settings, ILogger<SqliteMetadataStore> logger)
        : base(new SqliteDatabase(settings.Value.ConnectionString, logger))
    {
    }
}
