using System.Text.Json.Serialization;

namespace Noa.Abstractions.Graph;

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
