using Noa.Abstractions.Graph;

namespace Noa.Stages.Graph.Build;

/// <summary>
/// An edge's identity in the graph, (source, target, kind), and kg.json's order of edges (source, kind, target), both
/// ordinal. The builder keeps its edges in a set under this key: a large source has about a million edges, and a set of the
/// edges themselves holds no second copy of each key as a dictionary would.
/// </summary>
internal sealed class EdgeKey : IEqualityComparer<KgEdge>
{
    public static EdgeKey Instance { get; } = new();

    /// <summary>kg.json's order: by source, then kind, then target.</summary>
    public static Comparison<KgEdge> Order { get; } = (a, b) =>
        string.CompareOrdinal(a.Src, b.Src) is var src and not 0 ? src
        : string.CompareOrdinal(a.Kind, b.Kind) is var kind and not 0 ? kind
        : string.CompareOrdinal(a.Dst, b.Dst);

    public bool Equals(KgEdge? x, KgEdge? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && string.Equals(x.Src, y.Src, StringComparison.Ordinal)
            && string.Equals(x.Dst, y.Dst, StringComparison.Ordinal) && string.Equals(x.Kind, y.Kind, StringComparison.Ordinal));

    public int GetHashCode(KgEdge edge) =>
        HashCode.Combine(StringComparer.Ordinal.GetHashCode(edge.Src), StringComparer.Ordinal.GetHashCode(edge.Dst), StringComparer.Ordinal.GetHashCode(edge.Kind));
}
