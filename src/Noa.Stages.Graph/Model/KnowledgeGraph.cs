using System.Text.Json.Serialization;

namespace Noa.Stages.Graph.Model;

/// <summary>A node of <c>kg.json</c>.</summary>
public sealed class KgNode
{
    /// <summary>SCIP-style symbol for code (<c>noa pypi . . requests/`api.py`/get().</c>); <c>kind:value</c> for surface nodes.</summary>
    public required string Id { get; init; }

    /// <summary>directory, file, a definition kind, endpoint, env, config, flag, command, store, service, external, script.</summary>
    public required string Kind { get; init; }

    /// <summary>Display name.</summary>
    public required string Name { get; init; }

    /// <summary>Language id, for code.</summary>
    public string? Language { get; init; }

    /// <summary>Path of the file it is in (or is).</summary>
    public string? File { get; init; }

    /// <summary>Where in the file.</summary>
    public TextRange? Range { get; init; }

    /// <summary>Doc comment summary.</summary>
    public string? Doc { get; init; }

    /// <summary>Declaration header.</summary>
    public string? Signature { get; init; }

    /// <summary>test, entry, partial (parsed with errors), exported.</summary>
    public List<string>? Flags { get; set; }

    /// <summary>Kind-specific facts (an endpoint's method and route, a script's command).</summary>
    public SortedDictionary<string, string>? Properties { get; set; }

    /// <summary>For endpoints: the full path, parameters and how the path was composed.</summary>
    public KgEndpoint? Endpoint { get; init; }
}

/// <summary>An edge of <c>kg.json</c>.</summary>
/// <param name="Src">Source node id.</param>
/// <param name="Dst">Target node id.</param>
/// <param name="Kind">CONTAINS, DEFINES, IMPORTS, CALLS, REFERENCES, INHERITS, IMPLEMENTS, EXPOSES, READS_CONFIG, READS, WRITES, DEPENDS_ON, TESTS.</param>
/// <param name="Provenance"><c>tree-sitter</c> (read from the syntax tree and resolved through scope and imports),
/// <c>heuristic</c> (a name match) or <c>manifest</c> (declared in package.json, pyproject.toml or Cargo.toml).</param>
/// <param name="Confidence">0–1.</param>
/// <param name="Line">The line in the source's file where the evidence is, when there is one.</param>
public sealed record KgEdge(string Src, string Dst, string Kind, string Provenance, double Confidence,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Line = null);

/// <summary>What an endpoint reaches along calls.</summary>
/// <param name="Endpoint">Endpoint node id.</param>
/// <param name="Handler">Handler node id.</param>
/// <param name="Config">Env/config nodes read on the way.</param>
/// <param name="Stores">Store nodes read or written on the way.</param>
/// <param name="Services">External services called on the way.</param>
public sealed record KgFlow(string Endpoint, string Handler, IReadOnlyList<string> Config, IReadOnlyList<string> Stores, IReadOnlyList<string> Services);

/// <summary>A file not in the graph, and why.</summary>
public sealed record KgSkipped(string Path, string Reason);

/// <summary>Counts.</summary>
public sealed class KgStats
{
    /// <summary>Files parsed now.</summary>
    public int Parsed { get; set; }

    /// <summary>Files whose facts came from the cache (unchanged content).</summary>
    public int Cached { get; set; }

    /// <summary>Files parsed with syntax errors (partial facts).</summary>
    public int Partial { get; set; }

    /// <summary>Files skipped, by reason.</summary>
    public SortedDictionary<string, int> Skipped { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Files per language.</summary>
    public SortedDictionary<string, int> Languages { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Nodes per kind.</summary>
    public SortedDictionary<string, int> Nodes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Edges per kind.</summary>
    public SortedDictionary<string, int> Edges { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Calls and type references that resolved to nothing in the source (library calls, dynamic dispatch).</summary>
    public int UnresolvedReferences { get; set; }
}

/// <summary>The knowledge graph: <c>kg.json</c>.</summary>
public sealed class KnowledgeGraph
{
    /// <summary>Bundle path of the artifact.</summary>
    public const string BundlePath = "kg.json";

    /// <summary>Format version.</summary>
    public int Version { get; init; } = 1;

    /// <summary>Counts.</summary>
    public KgStats Stats { get; init; } = new();

    /// <summary>Nodes, sorted by id.</summary>
    public List<KgNode> Nodes { get; init; } = [];

    /// <summary>Edges, sorted.</summary>
    public List<KgEdge> Edges { get; init; } = [];

    /// <summary>Data flow from each endpoint along calls.</summary>
    public List<KgFlow> Flows { get; init; } = [];

    /// <summary>Files not in the graph that a reader would expect there (too large, minified, binary, timed out).</summary>
    public List<KgSkipped> Skipped { get; init; } = [];

    /// <summary>Reads <c>kg.json</c> as the Graph stage wrote it: the one reader of the contract for later stages (Env Synthesis).</summary>
    public static KnowledgeGraph Read(Stream json) => Output.GraphJson.Read(json);
}
