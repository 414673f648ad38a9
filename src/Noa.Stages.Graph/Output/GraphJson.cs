using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Model;

namespace Noa.Stages.Graph.Output;

/// <summary>Writes <c>kg.json</c> through its contract (<see cref="KnowledgeGraph"/>) and the cached facts.</summary>
internal static class GraphJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = GraphJsonContext.Default,
    };

    /// <summary>The graph as UTF-8 JSON; the same graph always gives the same bytes.</summary>
    public static void Write(KnowledgeGraph graph, Stream output) => graph.WriteTo(output);

    /// <summary>Reads <c>kg.json</c>.</summary>
    public static KnowledgeGraph Read(Stream input) => KnowledgeGraph.Read(input);

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
}

[JsonSerializable(typeof(FileFacts))]
internal sealed partial class GraphJsonContext : JsonSerializerContext;
