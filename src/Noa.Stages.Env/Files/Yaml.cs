using YamlDotNet.Serialization;

namespace Noa.Stages.Env.Files;

/// <summary>YAML of ordered maps and lists, block style, strings quoted only where YAML would read them as something else.</summary>
internal static class Yaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithIndentedSequences()
        .WithQuotingNecessaryStrings()
        .DisableAliases()
        .Build();

    public static string Serialize(object value) => Serializer.Serialize(value);

    /// <summary>An ordered map: keys keep the order they are added in, so the output is deterministic.</summary>
    public static OrderedDictionary<string, object> Map(params (string Key, object? Value)[] entries)
    {
        var map = new OrderedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
            if (value is not null)
                map[key] = value;
        return map;
    }
}
