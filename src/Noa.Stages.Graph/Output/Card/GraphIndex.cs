using Noa.Stages.Graph.Languages;
using Noa.Stages.Graph.Model;

namespace Noa.Stages.Graph.Output.Card;

/// <summary>Lookups over the graph that the card's sections share.</summary>
internal sealed class GraphIndex
{
    private static readonly string[] TestSegments = ["test", "tests", "__tests__", "testdata"];

    private readonly HashSet<string> _filesWithTests;

    public GraphIndex(KnowledgeGraph graph)
    {
        Graph = graph;
        Nodes = graph.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        Incoming = graph.Edges.ToLookup(e => e.Dst, StringComparer.Ordinal);
        Outgoing = graph.Edges.ToLookup(e => e.Src, StringComparer.Ordinal);
        _filesWithTests = graph.Nodes.Where(IsTest).Select(n => n.File).OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    public KnowledgeGraph Graph { get; }

    public IReadOnlyDictionary<string, KgNode> Nodes { get; }

    public ILookup<string, KgEdge> Incoming { get; }

    public ILookup<string, KgEdge> Outgoing { get; }

    public IEnumerable<KgNode> OfKind(string kind) => Graph.Nodes.Where(n => n.Kind == kind);

    public static bool IsTest(KgNode node) => node.Flags?.Contains("test") == true;

    public static bool HasFlag(KgNode node, string flag) => node.Flags?.Contains(flag) == true;

    /// <summary>A test file: its language's naming convention, a test/tests/__tests__/testdata folder, or a file that
    /// defines a test.</summary>
    public bool IsTestFile(string path) =>
        _filesWithTests.Contains(path)
        || LanguageSpec.ByExtension(path)?.IsTestFile(path) == true
        || path.Split('/').SkipLast(1).Any(s => TestSegments.Contains(s, StringComparer.Ordinal));

    /// <summary>Where an edge's evidence is: the file of its source node and the edge's line (or the node's first line).</summary>
    public string WhereOf(KgEdge edge)
    {
        var src = Nodes.GetValueOrDefault(edge.Src);
        return Md.Where(src?.File, edge.Line ?? src?.Range?.StartLine);
    }
}
