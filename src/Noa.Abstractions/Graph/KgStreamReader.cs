using System.Buffers;
using System.Text;
using System.Text.Json;
using Noa.Abstractions.Profiles;

namespace Noa.Abstractions.Graph;

/// <summary>
/// Reads <c>kg.json</c> as it streams in (<see cref="Utf8JsonReader"/> over a buffer that holds one node or edge at a time, never
/// a whole list), keeping what a <see cref="KgFilter"/> asks for: a node or edge is looked at by its kind (and a node by its id)
/// and built only when kept; a list left out is passed over element by element.
/// </summary>
internal sealed class KgStreamReader(KgFilter filter)
{
    private enum Where { Start, Top, List, End }

    private readonly KnowledgeGraph graph = new();
    private readonly List<(byte[] Utf8, string Text)> kinds = [];
    private JsonReaderState state;
    private Where where;
    private string list = "";

    public static async Task<KnowledgeGraph> ReadAsync(Stream json, KgFilter filter, CancellationToken cancellationToken)
    {
        var reader = new KgStreamReader(filter);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        var length = 0;
        var final = false;
        try
        {
            while (reader.where != Where.End)
            {
                if (length == buffer.Length)
                {
                    // One node, edge or unknown field larger than the buffer: hold it whole.
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                if (!final)
                {
                    var read = await json.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    final = read == 0;
                    length += read;
                }
                var consumed = reader.Step(buffer.AsSpan(0, length), final);
                buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
                length -= consumed;
                if (final && consumed == 0 && reader.where != Where.End)
                    throw new JsonException("The document ends before its last '}'.");
            }
        }
        catch (JsonException e)
        {
            throw ArtifactReader.Broken(KnowledgeGraph.BundlePath, KnowledgeGraph.CurrentVersion, e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return reader.graph;
    }

    /// <summary>Reads as far as the data holds whole steps; the bytes consumed (the rest is read again with more data).</summary>
    private int Step(ReadOnlySpan<byte> data, bool final)
    {
        var reader = new Utf8JsonReader(data, final, state);
        while (where != Where.End)
        {
            var before = reader;
            if (!Advance(ref reader))
            {
                reader = before;
                break;
            }
        }
        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    /// <summary>One token, or one whole value after a property or in a list; false when the data ends before it.</summary>
    private bool Advance(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
            return false;
        switch (where)
        {
            case Where.Start when reader.TokenType == JsonTokenType.Null:
                throw new InvalidDataException($"{KnowledgeGraph.BundlePath} is null.");
            case Where.Start:
                where = reader.TokenType == JsonTokenType.StartObject ? Where.Top : throw new JsonException($"The document is a {reader.TokenType}, not an object.");
                return true;
            case Where.Top when reader.TokenType == JsonTokenType.EndObject:
                where = Where.End;
                return true;
            case Where.Top:
                return Property(ref reader);
            default:
                return Element(ref reader);
        }
    }

    private bool Property(ref Utf8JsonReader reader)
    {
        var name = reader.GetString()!;
        if (!reader.Read())
            return false;
        var token = reader.TokenType;
        if (name is "nodes" or "edges" or "flows" or "skipped" && token == JsonTokenType.StartArray)
        {
            // A list is read element by element: never held whole.
            (where, list) = (Where.List, name);
            return true;
        }
        if (!Whole(reader))
            return false;
        switch (name)
        {
            case "version" when token == JsonTokenType.Number:
                ArtifactReader.CheckVersion(KnowledgeGraph.BundlePath, reader.GetInt32(), KnowledgeGraph.CurrentVersion);
                return true;
            case "stats" when token == JsonTokenType.StartObject:
                graph.Stats = JsonSerializer.Deserialize(ref reader, KgJson.Readable.KgStats) ?? new KgStats();
                return true;
            case "version" or "stats" or "nodes" or "edges" or "flows" or "skipped" when token != JsonTokenType.Null:
                throw new JsonException($"'{name}' is a {token}.");
            default:
                return reader.TrySkip();
        }
    }

    private bool Element(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            where = Where.Top;
            return true;
        }
        if (!Whole(reader))
            return false;
        switch (list)
        {
            case "nodes" when filter.NodeKinds is null || Keeps(reader, node: true):
                graph.Nodes.Add(JsonSerializer.Deserialize(ref reader, KgJson.Readable.KgNode) ?? throw new JsonException("A node is null."));
                return true;
            case "edges" when filter.EdgeKinds is null || Keeps(reader, node: false):
                graph.Edges.Add(JsonSerializer.Deserialize(ref reader, KgJson.Readable.KgEdge) ?? throw new JsonException("An edge is null."));
                return true;
            case "flows" when filter.Flows:
                graph.Flows.Add(JsonSerializer.Deserialize(ref reader, KgJson.Readable.KgFlow) ?? throw new JsonException("A flow is null."));
                return true;
            case "skipped" when filter.Skipped:
                graph.Skipped.Add(JsonSerializer.Deserialize(ref reader, KgJson.Readable.KgSkipped) ?? throw new JsonException("A skipped file is null."));
                return true;
            default:
                return reader.TrySkip();
        }
    }

    /// <summary>Whether the filter keeps the node or edge the reader is at, by its kind (and a node's id), read off a copy of the
    /// reader without building it.</summary>
    private bool Keeps(Utf8JsonReader peek, bool node)
    {
        var what = node ? "A node" : "An edge";
        if (peek.TokenType != JsonTokenType.StartObject)
            throw new JsonException($"{what} is a {peek.TokenType}, not an object.");
        var wantsId = node && filter.NeedsNodeId;
        string? kind = null, id = null;
        while (peek.Read() && peek.TokenType == JsonTokenType.PropertyName && (kind is null || (wantsId && id is null)))
        {
            var isKind = peek.ValueTextEquals("kind"u8);
            var isId = wantsId && peek.ValueTextEquals("id"u8);
            peek.Read();
            if (isKind || isId)
            {
                if (peek.TokenType != JsonTokenType.String)
                    throw new JsonException($"{what}'s {(isKind ? "kind" : "id")} is a {peek.TokenType}.");
                var value = isKind ? Kind(peek) : peek.GetString();
                (kind, id) = isKind ? (value, id) : (kind, value);
            }
            else
                peek.TrySkip();
        }
        if (kind is null)
            throw new JsonException($"{what} lacks its required property 'kind'.");
        return node ? filter.KeepsNode(kind, id) : filter.KeepsEdge(kind);
    }

    /// <summary>The kind the reader is at, as a string built once per kind (a graph has a few dozen), not once per element.</summary>
    private string Kind(Utf8JsonReader reader)
    {
        foreach (var (utf8, text) in kinds)
        {
            if (reader.ValueTextEquals(utf8))
                return text;
        }
        var kind = reader.GetString()!;
        if (kinds.Count < 256)
            kinds.Add((Encoding.UTF8.GetBytes(kind), kind));
        return kind;
    }

    /// <summary>Whether the value the reader is at is whole in the buffer.</summary>
    private static bool Whole(Utf8JsonReader probe) => probe.TrySkip();
}
