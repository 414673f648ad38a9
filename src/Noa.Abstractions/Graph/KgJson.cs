using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Noa.Abstractions.Graph;

/// <summary>
/// Source-generated JSON of <c>kg.json</c> (camelCase, nulls left out, ranges as arrays), used by the Graph stage that writes it
/// and by every stage that reads it. Unknown fields are skipped and missing lists read as empty, so a later Graph stage's
/// additions do not break an earlier reader; the version says when they would.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KnowledgeGraph))]
internal sealed partial class KgJson : JsonSerializerContext
{
    // Identifiers and strings in code (C++, "<T>", "&&") stay readable: kg.json is a file, never inlined in HTML.
    public static KgJson Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>One node or edge per line, so it diffs and greps well; the same graph always gives the same bytes.</summary>
    public static void Write(KnowledgeGraph graph, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.Write("{\n\"version\": ");
        writer.Write(graph.Version);
        writer.Write(",\n\"stats\": ");
        writer.Write(JsonSerializer.Serialize(graph.Stats, Readable.KgStats));
        WriteList(writer, "nodes", graph.Nodes, Readable.KgNode);
        WriteList(writer, "edges", graph.Edges, Readable.KgEdge);
        WriteList(writer, "flows", graph.Flows, Readable.KgFlow);
        WriteList(writer, "skipped", graph.Skipped, Readable.KgSkipped);
        writer.Write("\n}\n");
    }

    private static void WriteList<T>(StreamWriter writer, string name, IReadOnlyList<T> items, JsonTypeInfo<T> type)
    {
        writer.Write($",\n\"{name}\": [");
        for (var i = 0; i < items.Count; i++)
        {
            writer.Write(i == 0 ? "\n" : ",\n");
            writer.Write(JsonSerializer.Serialize(items[i], type));
        }
        writer.Write(items.Count == 0 ? "]" : "\n]");
    }
}
