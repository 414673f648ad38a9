using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Repository;

namespace Noa.Stages.Graph.Output.Card;

/// <summary>Lookups over the graph that the card's sections share.</summary>
internal sealed class GraphIndex
{
    private readonly Dictionary<string, string> _fileScopes;

    public GraphIndex(KnowledgeGraph graph)
    {
        Graph = graph;
        Nodes = graph.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        // The card follows no calls or type references (most of a large source's edges): they stay out of the lookups.
        var followed = graph.Edges.Where(e => e.Kind is not ("CALLS" or "REFERENCES")).ToList();
        Incoming = followed.ToLookup(e => e.Dst, StringComparer.Ordinal);
        Outgoing = followed.ToLookup(e => e.Src, StringComparer.Ordinal);
        _fileScopes = graph.Nodes.Where(n => n.Kind == "file" && n.File is not null && n.Properties?.GetValueOrDefault("scope") is not null)
            .ToDictionary(n => n.File!, n => n.Properties!["scope"], StringComparer.Ordinal);
        Projects = graph.Nodes.Where(n => n.Kind == "project").OrderByDescending(n => Root(n).Length).ThenBy(n => n.Id, StringComparer.Ordinal).ToList();
    }

    public KnowledgeGraph Graph { get; }

    public IReadOnlyDictionary<string, KgNode> Nodes { get; }

    /// <summary>Edges by target, CALLS and REFERENCES left out.</summary>
    public ILookup<string, KgEdge> Incoming { get; }

    /// <summary>Edges by source, CALLS and REFERENCES left out.</summary>
    public ILookup<string, KgEdge> Outgoing { get; }

    /// <summary>Project nodes, deepest folder first.</summary>
    public IReadOnlyList<KgNode> Projects { get; }

    public IEnumerable<KgNode> OfKind(string kind) => Graph.Nodes.Where(n => n.Kind == kind);

    public static bool IsTest(KgNode node) => node.Flags?.Contains("test") == true;

    public static bool HasFlag(KgNode node, string flag) => node.Flags?.Contains(flag) == true;

    public static string Prop(KgNode node, string key) => node.Properties?.GetValueOrDefault(key) ?? "";

    /// <summary>A project's folder ("" for the root).</summary>
    public static string Root(KgNode project) => Prop(project, "root") is "." or "" ? "" : Prop(project, "root");

    /// <summary>The scope the graph gave a file (product, test, fixture, example, benchmark, documentation); for a path
    /// that is no file of the graph, the path conventions.</summary>
    public string ScopeOf(string path) => _fileScopes.TryGetValue(path, out var scope) ? scope : Scopes.ByPath(path);

    public bool IsProduct(string path) => ScopeOf(path) == Scopes.Product;

    /// <summary>A test or a test fixture.</summary>
    public bool IsTestFile(string path) => ScopeOf(path) is Scopes.Test or Scopes.Fixture;

    /// <summary>The deepest project holding a path, or null.</summary>
    public KgNode? ProjectOf(string path) => Projects.FirstOrDefault(p => Under(path, Root(p)));

    /// <summary>Whether a path is the folder or in it ("" holds everything).</summary>
    public static bool Under(string path, string folder) =>
        folder.Length == 0 || folder == "." || path == folder || path.StartsWith(folder + "/", StringComparison.Ordinal);

    /// <summary>Where an edge's evidence is: the file of its source node and the edge's line (or the node's first line).</summary>
    public string WhereOf(KgEdge edge)
    {
        var src = Nodes.GetValueOrDefault(edge.Src);
        return Md.Where(src?.File, edge.Line ?? src?.Range?.StartLine);
    }

    /// <summary>The file an edge's evidence is in.</summary>
    public string? FileOf(KgEdge edge) => Nodes.GetValueOrDefault(edge.Src)?.File;
}
