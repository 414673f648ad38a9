namespace Noa.Abstractions;

/// <summary>
/// The catalogue of published runs: one <see cref="CatalogEntry"/> per run the Registrar published, for listing what has been
/// digested (<c>GET /catalog</c>, <c>noa catalog</c>) and for pointing search results at their bundle. The metadata stores
/// implement it (SQLite embedded, Postgres on servers), in the same database as the runs.
/// </summary>
public interface ICatalog
{
    /// <summary>Records a run's row, replacing the run's earlier row (a publish retried or repeated).</summary>
    Task RecordAsync(CatalogEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The run's row, or null when the run was not published.</summary>
    Task<CatalogEntry?> GetAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>The rows of these runs that were published (others are absent from the answer), by run id.</summary>
    Task<IReadOnlyDictionary<string, CatalogEntry>> GetManyAsync(IReadOnlyCollection<string> runIds, CancellationToken cancellationToken = default);

    /// <summary>One page of rows matching <paramref name="query"/>, newest first.</summary>
    Task<CatalogPage> ListAsync(CatalogQuery query, CancellationToken cancellationToken = default);
}
