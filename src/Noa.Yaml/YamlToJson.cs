using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Noa.Yaml;

/// <summary>Loads a YAML document through <see cref="YamlGuard"/> as a JSON tree, scalars as strings, so that YAML and JSON
/// documents (model lists, policies) share one validator.</summary>
public static class YamlToJson
{
    /// <summary>The first document as a JSON tree, or null when the stream is empty.</summary>
    /// <exception cref="YamlDotNet.Core.YamlException">Malformed, or (<see cref="YamlLimitException"/>) over a limit.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static JsonNode? Load(string yaml, YamlLimits limits, string name, CancellationToken cancellationToken = default)
    {
        var stream = YamlGuard.Load(yaml, limits, name, cancellationToken);
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    // The guard has bounded the expanded size, so following aliases here is bounded too.
    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ConvertMapping(mapping),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode { Value: null } => null,
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "~" or "null" or "" } => null,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static JsonObject ConvertMapping(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? key.ToString();
            result[name] = Convert(value);
        }
        return result;
    }
}
