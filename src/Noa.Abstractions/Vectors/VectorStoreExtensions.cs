namespace Noa.Abstractions;

/// <summary>Hybrid search over any <see cref="IVectorStore"/>.</summary>
public static class VectorStoreExtensions
{
    /// <summary>
    /// Runs the vector and the keyword search (concurrently) for <paramref name="candidates"/> records each (default 5×k, at
    /// least 50) and fuses them with <see cref="ReciprocalRankFusion"/> into the best <paramref name="k"/>.
    /// </summary>
    public static async Task<IReadOnlyList<VectorHit>> HybridSearchAsync(
        this IVectorStore store, string collection, ReadOnlyMemory<float> vector, string query, int k,
        VectorFilter? filter = null, int? candidates = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var depth = candidates ?? Math.Max(50, 5 * k);
        // Both at once: a server store answers them on two connections, so hybrid costs the slower one, not the sum.
        var byVector = store.SearchAsync(collection, vector, depth, filter, cancellationToken);
        var byWords = store.SearchTextAsync(collection, query, depth, filter, cancellationToken);
        await Task.WhenAll(byVector, byWords).ConfigureAwait(false);
        return ReciprocalRankFusion.Fuse([await byVector.ConfigureAwait(false), await byWords.ConfigureAwait(false)], k);
    }
}
