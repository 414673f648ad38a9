using Noa.Abstractions.Graph;

namespace Noa.Embeddings.Chunking;

/// <summary>
/// The definitions kg.json lists, by file, so code can be chunked one file at a time (a large source's chunks need not all
/// be held at once).
/// </summary>
public sealed class GraphDefinitions
{
    private readonly Dictionary<string, List<KgDefinition>> byFile;

    private GraphDefinitions(Dictionary<string, List<KgDefinition>> byFile) => this.byFile = byFile;

    /// <summary>Files with at least one definition that becomes a chunk.</summary>
    public IReadOnlyCollection<string> Files => byFile.Keys;

    /// <summary>Whether the graph lists a definition that becomes a chunk in the file.</summary>
    public bool Has(string path) => byFile.ContainsKey(path);

    /// <summary>Definition kinds that become chunks; fields, properties and constants stay in their parent's chunk.</summary>
    private static readonly KgFilter ChunkKinds = KgFilter.Nodes("function", "method", "constructor", "class", "interface", "struct", "record", "enum", "trait");

    /// <summary>Reads the definitions out of kg.json through its contract; other nodes, edges and flows are passed over unbuilt.</summary>
    /// <exception cref="InvalidDataException">kg.json is not JSON, not the version this build reads, or breaks its contract.</exception>
    public static async Task<GraphDefinitions> ReadAsync(Stream kgJson, CancellationToken cancellationToken = default)
    {
        var byFile = new Dictionary<string, List<KgDefinition>>(StringComparer.Ordinal);
        foreach (var node in (await KnowledgeGraph.ReadAsync(kgJson, ChunkKinds, cancellationToken).ConfigureAwait(false)).Nodes)
        {
            if (node is not { File: { } file, Range: { } range })
                continue;
            if (!byFile.TryGetValue(file, out var list))
                byFile[file] = list = [];
            list.Add(new KgDefinition(node.Id, node.Kind, node.Name, node.Language, file, range, node.Signature, node.Doc));
        }
        return new GraphDefinitions(byFile);
    }

    /// <summary>The chunks of one file along its definitions (none when the graph lists none in it).</summary>
    public IReadOnlyList<Chunk> Chunk(string path, string text, ChunkOptions? options = null) =>
        byFile.TryGetValue(path, out var definitions)
            ? [.. new CodeChunker(new ChunkBuilder(options ?? new ChunkOptions())).Chunk(path, text, definitions)]
            : [];
}
