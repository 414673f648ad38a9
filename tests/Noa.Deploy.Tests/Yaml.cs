using YamlDotNet.RepresentationModel;

namespace Noa.Deploy.Tests;

/// <summary>
/// YAML read into plain trees (<see cref="Dictionary{TKey,TValue}"/> of string keys, <see cref="List{T}"/>, string
/// scalars), with merge keys (<c>&lt;&lt;: *anchor</c>) applied as compose applies them: explicit keys win.
/// </summary>
internal static class Yaml
{
    public static IReadOnlyList<Dictionary<string, object?>> LoadAll(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
            stream.Load(reader);
        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().Select(ToMap)];
    }

    public static Dictionary<string, object?> Load(string path) => LoadAll(path).Single();

    private static object? Convert(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value,
        YamlSequenceNode q => q.Children.Select(Convert).ToList(),
        YamlMappingNode m => ToMap(m),
        _ => throw new InvalidDataException($"unexpected YAML node {node.NodeType} at {node.Start}"),
    };

    private static Dictionary<string, object?> ToMap(YamlMappingNode mapping)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        YamlNode? merge = null;
        foreach (var (key, value) in mapping.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (name == "<<")
                merge = value;
            else if (!map.TryAdd(name, Convert(value)))
                throw new InvalidDataException($"duplicate key '{name}' at {key.Start}");
        }
        var sources = merge switch
        {
            null => [],
            YamlSequenceNode list => list.Children.ToList(),
            _ => [merge],
        };
        foreach (var source in sources)
        {
            foreach (var (key, value) in ToMap((YamlMappingNode)source))
                map.TryAdd(key, value);
        }
        return map;
    }

    public static Dictionary<string, object?> Map(this Dictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var value) && value is Dictionary<string, object?> child ? child : [];

    public static List<object?> List(this Dictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var value) && value is List<object?> list ? list : [];

    public static string? Text(this Dictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var value) ? value as string : null;

    public static Dictionary<string, object?> At(this Dictionary<string, object?> map, params string[] path) =>
        path.Aggregate(map, (m, key) => m.Map(key));
}
