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
        // Both at once (a store may answer synchronously, hence the thread pool): hybrid costs the slower search, not the sum.
        var byVector = Task.Run(() => store.SearchAsync(collection, vector, depth, filter, cancellationToken), cancellationToken);
        var byWords = Task.Run(() => store.SearchTextAsync(collection, query, depth, filter, cancellationToken), cancellationToken);
        await Task.WhenAll(byVector, byWords).ConfigureAwait(false);
        return ReciprocalRankFusion.Fuse([await byVector.ConfigureAwait(false), await byWords.ConfigureAwait(false)], k);
    }
}
