using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Noa.Yaml;

/// <summary>Loads a YAML document through <see cref="YamlGuard"/> as a JSON tree, scalars as strings, so that YAML and JSON
/// documents (model lists, policies) share one validator.</summary>
public static partial class YamlToJson
{
    /// <summary>The first document as a JSON tree, or null when the stream is empty.</summary>
    /// <exception cref="YamlDotNet.Core.YamlException">Malformed, or (<see cref="YamlLimitException"/>) over a limit.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static JsonNode? Load(string yaml, YamlLimits limits, string name, CancellationToken cancellationToken = default)
    {
        var stream = YamlGuard.Load(yaml, limits, name, cancellationToken);
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    /// <summary>Every document as a JSON tree, plain scalars typed by YAML 1.2's core schema (booleans, integers, floats, null)
    /// and quoted ones as strings: what a JSON Schema written for YAML files (compose-spec, Kubernetes) expects.</summary>
    /// <exception cref="YamlDotNet.Core.YamlException">Malformed, or (<see cref="YamlLimitException"/>) over a limit.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyList<JsonNode?> LoadAllTyped(string yaml, YamlLimits limits, string name, CancellationToken cancellationToken = default) =>
        [.. YamlGuard.Load(yaml, limits, name, cancellationToken).Documents.Select(d => Convert(d.RootNode, typed: true))];

    // The guard has bounded the expanded size, so following aliases here is bounded too.
    private static JsonNode? Convert(YamlNode node, bool typed = false) => node switch
    {
        YamlMappingNode mapping => ConvertMapping(mapping, typed),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(c => Convert(c, typed)).ToArray()),
        YamlScalarNode { Value: null } => null,
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "~" or "null" or "Null" or "NULL" or "" } => null,
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar when typed => Typed(scalar.Value!),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static JsonValue Typed(string value) =>
        value is "true" or "True" or "TRUE" ? JsonValue.Create(true)
        : value is "false" or "False" or "FALSE" ? JsonValue.Create(false)
        : Integer().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? JsonValue.Create(l)
        : Float().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d)
        : JsonValue.Create(value);

    private static JsonObject ConvertMapping(YamlMappingNode mapping, bool typed)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? key.ToString();
            result[name] = Convert(value, typed);
        }
        return result;
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
