namespace Noa.Abstractions;

/// <summary>
/// Stores chunks of source with their embedding vectors in named collections, and finds them by meaning
/// (cosine similarity) and by words (BM25-style keyword ranking). A collection's dimension is fixed by its
/// first upsert; vectors of another length are rejected with an <see cref="ArgumentException"/> naming both.
/// Vectors need not be normalised: stores compare by cosine. Collection names follow
/// <see cref="VectorCollection.Validate"/>. Implementations: an embedded exact index, pgvector.
/// </summary>
public interface IVectorStore
{
    /// <summary>Inserts the records, replacing any with the same id, and creates the collection on first use.</summary>
    Task UpsertAsync(string collection, IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Removes the records with these ids (unknown ids are ignored) and returns how many were removed.</summary>
    Task<int> DeleteAsync(string collection, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>Removes every record the filter matches (an empty filter empties the collection) and returns how many.</summary>
    Task<int> DeleteAsync(string collection, VectorFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The <paramref name="k"/> records nearest the vector by cosine, best first; score is the cosine similarity. Empty for an unknown collection.</summary>
    Task<IReadOnlyList<VectorHit>> SearchAsync(string collection, ReadOnlyMemory<float> vector, int k, VectorFilter? filter = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The <paramref name="k"/> records whose text best matches the words of the query, best first; any word may
    /// match, identifiers such as <c>parse_config</c> match as phrases. Scores are comparable only within one result.
    /// </summary>
    Task<IReadOnlyList<VectorHit>> SearchTextAsync(string collection, string query, int k, VectorFilter? filter = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The stored records with these ids, in no particular order (unknown ids are skipped), so a vector can be reused
    /// for a chunk that moved. A store may return the vector L2-normalised: same direction, same cosine.
    /// </summary>
    Task<IReadOnlyList<VectorRecord>> GetAsync(string collection, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>Id, content hash and model of every record the filter matches, so a stage embeds only changed chunks and removes stale ones.</summary>
    Task<IReadOnlyList<StoredChunk>> ListHashesAsync(string collection, VectorFilter? filter = null, CancellationToken cancellationToken = default);
}
