using System.Globalization;
using System.Text;
using System.Text.Json;
using Noa.Abstractions;
using Noa.Embeddings.Search;

namespace Noa.Cli.Search;

/// <summary>
/// The CLI's side of the protocol's JSON (<see cref="ResidentSearchJson"/> is the resident process's): the request written
/// and the response read by hand. The serializer, even with generated metadata, compiled ~140 methods at run time (property
/// metadata over value types, which ReadyToRun cannot precompile across assemblies) and set up its encoders in every cold
/// <c>noa search</c>; this writes the same JSON as the generated writer (a test compares them) and reads what it writes.
/// </summary>
internal static class ResidentSearchWire
{
    /// <summary>The request as one JSON line (its newline included).</summary>
    public static byte[] Request(ResidentSearchRequest request)
    {
        var json = new StringBuilder(512);
        json.Append("{\"build\":");
        String(json, request.Build);
        json.Append(",\"settings\":");
        String(json, request.Settings);
        var query = request.Query;
        json.Append(",\"query\":{\"text\":");
        String(json, query.Text);
        json.Append(",\"k\":").Append(query.K.ToString(CultureInfo.InvariantCulture));
        json.Append(",\"mode\":");
        String(json, query.Mode.ToString());
        json.Append(",\"filter\":");
        if (query.Filter is { } filter)
        {
            (string Name, string? Value)[] fields =
            [
                ("source", filter.Source), ("run", filter.Run), ("language", filter.Language), ("pathPrefix", filter.PathPrefix),
                ("kind", filter.Kind), ("scope", filter.Scope), ("tenant", filter.Tenant),
            ];
            for (var i = 0; i < fields.Length; i++)
            {
                json.Append(i == 0 ? "{\"" : ",\"").Append(fields[i].Name).Append("\":");
                String(json, fields[i].Value);
            }
            json.Append(",\"isEmpty\":").Append(filter.IsEmpty ? "true" : "false").Append('}');
        }
        else
            json.Append("null");
        json.Append("}}\n");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    /// <summary>The response line (its newline may follow).</summary>
    /// <exception cref="JsonException">It is not the protocol's JSON.</exception>
    public static ResidentSearchResponse Response(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        SearchAnswer? answer = null;
        string? refused = null, error = null;
        Expect(ref reader, JsonTokenType.StartObject);
        while (Property(ref reader) is { } name)
        {
            switch (name)
            {
                case "answer":
                    answer = reader.TokenType == JsonTokenType.Null ? null : Answer(ref reader);
                    break;
                case "refused":
                    refused = reader.GetString();
                    break;
                case "error":
                    error = reader.GetString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        return new ResidentSearchResponse(answer, refused, error);
    }

    private static SearchAnswer Answer(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, read: false);
        var results = new List<SearchResult>();
        var pending = new List<string>();
        while (Property(ref reader) is { } name)
        {
            switch (name)
            {
                case "results":
                    Expect(ref reader, JsonTokenType.StartArray, read: false);
                    while (Read(ref reader) != JsonTokenType.EndArray)
                        results.Add(Result(ref reader));
                    break;
                case "pending":
                    Expect(ref reader, JsonTokenType.StartArray, read: false);
                    while (Read(ref reader) != JsonTokenType.EndArray)
                        pending.Add(reader.GetString() ?? throw new JsonException("a null pending source"));
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        return new SearchAnswer(results, pending);
    }

    private static SearchResult Result(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, read: false);
        int rank = 0, startLine = 0, endLine = 0;
        double score = 0;
        string? path = null, symbol = null, kind = null, language = null, snippet = null, source = null, run = null, model = null,
            id = null, scope = "", bundle = null, bundleDigest = null;
        while (Property(ref reader) is { } name)
        {
            switch (name)
            {
                case "rank": rank = reader.GetInt32(); break;
                case "score": score = reader.GetDouble(); break;
                case "path": path = reader.GetString(); break;
                case "symbol": symbol = reader.GetString(); break;
                case "kind": kind = reader.GetString(); break;
                case "language": language = reader.GetString(); break;
                case "startLine": startLine = reader.GetInt32(); break;
                case "endLine": endLine = reader.GetInt32(); break;
                case "snippet": snippet = reader.GetString(); break;
                case "source": source = reader.GetString(); break;
                case "run": run = reader.GetString(); break;
                case "model": model = reader.GetString(); break;
                case "id": id = reader.GetString(); break;
                case "scope": scope = reader.GetString() ?? ""; break;
                case "bundle": bundle = reader.GetString(); break;
                case "bundleDigest": bundleDigest = reader.GetString(); break;
                default: reader.Skip(); break;
            }
        }
        return new SearchResult(rank, score, Required(path, "path"), Required(symbol, "symbol"), Required(kind, "kind"),
            Required(language, "language"), startLine, endLine, Required(snippet, "snippet"), Required(source, "source"),
            Required(run, "run"), Required(model, "model"), Required(id, "id"), scope, bundle, bundleDigest);
    }

    /// <summary>The next property's name, the reader on its value; null at the object's end.</summary>
    private static string? Property(ref Utf8JsonReader reader)
    {
        if (Read(ref reader) == JsonTokenType.EndObject)
            return null;
        if (reader.TokenType != JsonTokenType.PropertyName)
            throw new JsonException($"a {reader.TokenType} where a property name belongs");
        var name = reader.GetString()!;
        Read(ref reader);
        return name;
    }

    private static JsonTokenType Read(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("the response ends early");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, bool read = true)
    {
        if ((read ? Read(ref reader) : reader.TokenType) != type)
            throw new JsonException($"a {reader.TokenType} where a {type} belongs");
    }

    private static string Required(string? value, string name) => value ?? throw new JsonException($"a result without its {name}");

    /// <summary>A JSON string as the generated writer writes it with the default encoder (non-ASCII and HTML characters as \u escapes).</summary>
    private static void String(StringBuilder json, string? value)
    {
        if (value is null)
        {
            json.Append("null");
            return;
        }
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\u0022"); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                default:
                    if (c is >= ' ' and <= '~' and not ('&' or '\'' or '<' or '>' or '+' or '`'))
                        json.Append(c);
                    else
                        json.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
            }
        }
        json.Append('"');
    }
}
