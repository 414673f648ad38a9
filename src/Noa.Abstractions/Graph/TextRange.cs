using System.Text.Json;
using System.Text.Json.Serialization;

namespace Noa.Abstractions.Graph;

/// <summary>A source range: 1-based lines and columns (columns count UTF-8 bytes), end inclusive of its line. In JSON,
/// <c>[startLine, startColumn, endLine, endColumn]</c>.</summary>
[JsonConverter(typeof(TextRangeConverter))]
public readonly record struct TextRange(int StartLine, int StartColumn, int EndLine, int EndColumn);

/// <summary>Reads and writes a <see cref="TextRange"/> as <c>[startLine, startColumn, endLine, endColumn]</c>.</summary>
public sealed class TextRangeConverter : JsonConverter<TextRange>
{
    /// <inheritdoc />
    public override TextRange Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("A range is [startLine, startColumn, endLine, endColumn].");
        Span<int> v = stackalloc int[4];
        var n = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (n == 4 || reader.TokenType != JsonTokenType.Number)
                throw new JsonException("A range is [startLine, startColumn, endLine, endColumn].");
            v[n++] = reader.GetInt32();
        }
        return n == 4 ? new TextRange(v[0], v[1], v[2], v[3]) : throw new JsonException("A range is [startLine, startColumn, endLine, endColumn].");
    }

    /// <inheritdoc />
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
