using System.Text.Json;

namespace Noa.Embeddings.Chunking;

/// <summary>Reads the definitions out of kg.json; edges, flows and stats are skipped without being kept.</summary>
internal static class KgReader
{
    /// <summary>Definition kinds that become chunks; fields, properties and constants stay in their parent's chunk.</summary>
    public static readonly IReadOnlySet<string> ChunkKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "function", "method", "constructor", "class", "interface", "struct", "record", "enum", "trait",
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IReadOnlyList<KgDefinition>> ReadDefinitionsAsync(Stream kgJson, CancellationToken cancellationToken)
    {
        var graph = await JsonSerializer.DeserializeAsync<Graph>(kgJson, Json, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException("kg.json is empty.");
        return [.. (graph.Nodes ?? []).Where(n => ChunkKinds.Contains(n.Kind) && n.File is not null && n.Range is { Length: 4 })];
    }

    private sealed record Graph(List<KgDefinition>? Nodes);
}
