using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Build;

namespace Noa.Stages.Graph.Tests.Build;

public sealed class EdgeKeyTests
{
    [Fact]
    public void Equals_SameSourceTargetKind_OneEdgeWhateverItsEvidence()
    {
        var edges = new HashSet<KgEdge>(EdgeKey.Instance)
        {
            new("a", "b", "CALLS", "tree-sitter", 1.0, 3),
            new("a", "b", "CALLS", "heuristic", 0.4, 9), // same key: not added
            new("a", "b", "REFERENCES", "tree-sitter", 1.0), // control: each part of the key counts
            new("a", "c", "CALLS", "tree-sitter", 1.0),
            new("b", "a", "CALLS", "tree-sitter", 1.0),
            new("A", "b", "CALLS", "tree-sitter", 1.0), // ordinal: case counts
        };

        Assert.Equal(5, edges.Count);
        Assert.True(edges.TryGetValue(new KgEdge("a", "b", "CALLS", "", 0), out var kept));
        Assert.Equal(("tree-sitter", 1.0, (int?)3), (kept!.Provenance, kept.Confidence, kept.Line));
        Assert.Equal(EdgeKey.Instance.GetHashCode(new KgEdge("x", "y", "IMPORTS", "tree-sitter", 1.0)),
            EdgeKey.Instance.GetHashCode(new KgEdge(new string("xy".AsSpan(0, 1)), "y", "IMPORTS", "heuristic", 0.3, 7)));
    }

    [Fact]
    public void Order_BySourceThenKindThenTarget_Ordinal()
    {
        KgEdge E(string src, string kind, string dst) => new(src, dst, kind, "tree-sitter", 1.0);
        var expected = new[]
        {
            E("B", "DEFINES", "z"), // ordinal: upper case before lower case (a culture's order would put "a" first)
            E("a", "CALLS", "b"),
            E("a", "CALLS", "c"),
            E("a", "DEFINES", "a1"),
            E("a/b", "CALLS", "a"),
            E("ab", "CALLS", "a"),
        };
        var edges = expected.Reverse().ToList();

        edges.Sort(EdgeKey.Order);

        Assert.Equal(expected, edges);
        Assert.Equal(expected, expected.OrderBy(e => e.Src, StringComparer.Ordinal).ThenBy(e => e.Kind, StringComparer.Ordinal)
            .ThenBy(e => e.Dst, StringComparer.Ordinal)); // the order kg.json had before the builder sorted in place
    }
}
