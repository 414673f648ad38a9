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

    /// <summary>Reads the definitions out of kg.json; edges, flows and stats are skipped without being kept.</summary>
    /// <exception cref="InvalidDataException">kg.json is empty.</exception>
    public static async Task<GraphDefinitions> ReadAsync(Stream kgJson, CancellationToken cancellationToken = default)
    {
        var byFile = new Dictionary<string, List<KgDefinition>>(StringComparer.Ordinal);
        foreach (var definition in await KgReader.ReadDefinitionsAsync(kgJson, cancellationToken).ConfigureAwait(false))
        {
            if (!byFile.TryGetValue(definition.File!, out var list))
                byFile[definition.File!] = list = [];
            list.Add(definition);
        }
        return new GraphDefinitions(byFile);
    }

    /// <summary>The chunks of one file along its definitions (none when the graph lists none in it).</summary>
    public IReadOnlyList<Chunk> Chunk(string path, string text, ChunkOptions? options = null) =>
        byFile.TryGetValue(path, out var definitions)
            ? [.. new CodeChunker(new ChunkBuilder(options ?? new ChunkOptions())).Chunk(path, text, definitions)]
            : [];
}
