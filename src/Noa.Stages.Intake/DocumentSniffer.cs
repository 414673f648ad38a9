using System.Text.Json;
using Noa.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Noa.Stages.Intake;

/// <summary>Reads only the top-level keys of a JSON or YAML document, to tell an OpenAPI document from a
/// model list without building (or expanding) the document. YAML goes through <see cref="YamlGuard"/>: a document over its
/// limits is refused here, and the read stops when the stage is cancelled.</summary>
internal static class DocumentSniffer
{
    public static Checked<SourceKindGuess> Sniff(string text, bool json, YamlLimits limits, string name, CancellationToken cancellationToken)
    {
        HashSet<string> keys;
        try
        {
            keys = json ? JsonKeys(text) : YamlKeys(text, limits, name, cancellationToken);
        }
        catch (YamlLimitException e)
        {
            return Checked<SourceKindGuess>.Refuse(e.Message);
        }
        if (keys.Contains("openapi") || keys.Contains("swagger"))
        {
            return SourceKindGuess.OpenApi;
        }
        return keys.Contains("models") ? SourceKindGuess.ModelList : SourceKindGuess.Unknown;
    }

    private static HashSet<string> JsonKeys(string text)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return keys;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                keys.Add(reader.GetString()!);
                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Keys seen before the error still count: the kind's own reader reports the syntax error.
        }
        return keys;
    }

    private static HashSet<string> YamlKeys(string text, YamlLimits limits, string name, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var parser = YamlGuard.Parser(text, limits, name, cancellationToken);
            var depth = 0;
            var expectKey = false;
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case MappingStart when depth == 0:
                        depth = 1;
                        expectKey = true;
                        break;
                    case SequenceStart when depth == 0:
                        return keys;
                    case MappingStart or SequenceStart:
                        depth++;
                        break;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        if (depth == 0)
                        {
                            return keys;
                        }
                        // A collection value (or key) at the top level just ended.
                        expectKey = depth == 1 ? !expectKey : expectKey;
                        break;
                    case Scalar scalar when depth == 1:
                        if (expectKey)
                        {
                            keys.Add(scalar.Value);
                        }
                        expectKey = !expectKey;
                        break;
                    case AnchorAlias when depth == 1:
                        expectKey = !expectKey;
                        break;
                }
            }
        }
        catch (YamlException e) when (e is not YamlLimitException)
        {
            // As for JSON: the kind's reader reports the error.
        }
        return keys;
    }
}
