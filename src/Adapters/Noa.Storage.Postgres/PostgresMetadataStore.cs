using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Storage.Sql;

namespace Noa.Storage.Postgres;

/// <summary>
/// The metadata store (<see cref="SqlMetadataStore"/>) in Postgres, with the schema the SQLite store uses, so values are
/// the same TEXT in both and a database can move between them.
/// </summary>
public sealed class PostgresMetadataStore : SqlMetadataStore
{
    /// <summary>Creates the store; the schema is migrated on first use.</summary>
    public PostgresMetadataStore(IOptions<PostgresSettings> settings, ILogger<PostgresMetadataStore> logger)
        : base(new PostgresDatabase(settings.Value, logger))
    {
    }
}
