namespace Noa.Abstractions;

/// <summary>
/// Reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): each ranking gives a record
/// 1 / (k + rank), rank counted from 1, and records are ordered by the sum. Only ranks count, so rankings
/// with incomparable scores (cosine, BM25) fuse without calibration.
/// </summary>
public static class ReciprocalRankFusion
{
    /// <summary>The constant of the original paper, which damps the weight of the very first ranks.</summary>
    public const int DefaultK = 60;

    /// <summary>
    /// Fuses the rankings (each best first, ids unique within one) into the best <paramref name="limit"/> records;
    /// a hit's score becomes its fused score. Ties keep the order in which records were first seen.
    /// </summary>
    public static IReadOnlyList<VectorHit> Fuse(IEnumerable<IReadOnlyList<VectorHit>> rankings, int limit, int k = DefaultK)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var fused = new Dictionary<string, (VectorHit Hit, double Score, int FirstSeen)>(StringComparer.Ordinal);
        foreach (var ranking in rankings)
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                var hit = ranking[rank];
                var add = 1.0 / (k + rank + 1);
                fused[hit.Id] = fused.TryGetValue(hit.Id, out var seen)
                    ? (seen.Hit, seen.Score + add, seen.FirstSeen)
                    : (hit, add, fused.Count);
            }
        return fused.Values
            .OrderByDescending(f => f.Score)
            .ThenBy(f => f.FirstSeen)
            .Take(limit)
            .Select(f => f.Hit with { Score = f.Score })
            .ToList();
    }
}
