using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Noa.Stages.Graph.Model;

namespace Noa.Stages.Graph.Output;

/// <summary>Writes <c>kg.json</c> (one node or edge per line, so it diffs and greps well) and the cached facts.</summary>
internal static class GraphJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = GraphJsonContext.Default,
        Converters = { new RangeConverter() },
    };

    /// <summary>The graph as UTF-8 JSON; the same graph always gives the same bytes.</summary>
    public static void Write(KnowledgeGraph graph, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.Write("{\n\"version\": ");
        writer.Write(graph.Version);
        writer.Write(",\n\"stats\": ");
        writer.Write(JsonSerializer.Serialize(graph.Stats, Options));
        WriteList(writer, "nodes", graph.Nodes);
        WriteList(writer, "edges", graph.Edges);
        WriteList(writer, "flows", graph.Flows);
        WriteList(writer, "skipped", graph.Skipped);
        writer.Write("\n}\n");
    }

    private static void WriteList<T>(StreamWriter writer, string name, IReadOnlyList<T> items)
    {
        writer.Write($",\n\"{name}\": [");
        for (var i = 0; i < items.Count; i++)
        {
            writer.Write(i == 0 ? "\n" : ",\n");
            writer.Write(JsonSerializer.Serialize(items[i], Options));
        }
        writer.Write(items.Count == 0 ? "]" : "\n]");
    }

    /// <summary>Reads <c>kg.json</c>.</summary>
    public static KnowledgeGraph Read(Stream input) => JsonSerializer.Deserialize<KnowledgeGraph>(input, Options)
        ?? throw new InvalidDataException("kg.json is empty.");

    /// <summary>Serializes cached facts.</summary>
    public static byte[] Serialize(FileFacts facts) => JsonSerializer.SerializeToUtf8Bytes(facts, Options);

    /// <summary>Deserializes cached facts, or null when they are unreadable.</summary>
    public static FileFacts? Deserialize(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize<FileFacts>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // A range is [startLine, startColumn, endLine, endColumn].
    private sealed class RangeConverter : JsonConverter<TextRange>
    {
        public override TextRange Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var v = JsonSerializer.Deserialize<int[]>(ref reader, GraphJsonContext.Default.Int32Array);
            return v is { Length: 4 } ? new TextRange(v[0], v[1], v[2], v[3]) : throw new JsonException("A range is [startLine, startColumn, endLine, endColumn].");
        }

        public override void Write(Utf8JsonWriter writer, TextRange value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(value.StartLine);
            writer.WriteNumberValue(value.StartColumn);
            writer.WriteNumberValue(value.EndLine);
            writer.WriteNumberValue(value.EndColumn);
            writer.WriteEndArray();
        }
    }
}

[JsonSerializable(typeof(KnowledgeGraph))]
[JsonSerializable(typeof(FileFacts))]
[JsonSerializable(typeof(int[]))]
internal sealed partial class GraphJsonContext : JsonSerializerContext;
