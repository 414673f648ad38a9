using System.Data.Common;

namespace Noa.Storage.Sql;

/// <summary>
/// Where a <see cref="SqlMetadataStore"/> gets its connections: a provider's pool, opened on a schema that its
/// migrations (<see cref="SchemaMigrator"/>, serialised between processes the provider's way) brought up to date.
/// </summary>
internal interface ISqlConnectionSource : IAsyncDisposable, IDisposable
{
    /// <summary>The dialect of the statements this source runs.</summary>
    SqlDialect Dialect { get; }

    /// <summary>An open connection to a migrated schema.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// True when <paramref name="error"/> says the disk is full and the source gave up space it reserved for that, so
    /// the write may be tried once more (typically a run's end and its reason); false otherwise.
    /// </summary>
    bool MadeRoomFor(DbException error);
}
