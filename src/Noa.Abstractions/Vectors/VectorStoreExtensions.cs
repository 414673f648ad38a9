namespace Noa.Abstractions;

/// <summary>Hybrid search over any <see cref="IVectorStore"/>.</summary>
public static class VectorStoreExtensions
{
    /// <summary>
    /// Runs the vector and the keyword search for <paramref name="candidates"/> records each (default 5×k, at
    /// least 50) and fuses them with <see cref="ReciprocalRankFusion"/> into the best <paramref name="k"/>.
    /// </summary>
    public static async Task<IReadOnlyList<VectorHit>> HybridSearchAsync(
        this IVectorStore store, string collection, ReadOnlyMemory<float> vector, string query, int k,
        VectorFilter? filter = null, int? candidates = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var depth = candidates ?? Math.Max(50, 5 * k);
        var byVector = await store.SearchAsync(collection, vector, depth, filter, cancellationToken).ConfigureAwait(false);
        var byWords = await store.SearchTextAsync(collection, query, depth, filter, cancellationToken).ConfigureAwait(false);
        return ReciprocalRankFusion.Fuse([byVector, byWords], k);
    }
}
