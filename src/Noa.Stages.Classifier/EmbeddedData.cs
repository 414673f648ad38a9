using System.IO.Compression;
using System.Text.Json;

namespace Noa.Stages.Classifier;

/// <summary>Reads the gzip JSON resources packed by <c>data/pack.mjs</c>.</summary>
internal static class EmbeddedData
{
    public static JsonDocument Open(string name)
    {
        var resource = "Noa.Classifier." + name;
        using var raw = typeof(EmbeddedData).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Resource {resource} is missing: run scripts/fetch-data.sh and rebuild.");
        using var gzip = new GZipStream(raw, CompressionMode.Decompress);
        return JsonDocument.Parse(gzip);
    }

    public static string[] Strings(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        var result = new string[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            result[i++] = item.GetString() ?? "";
        }
        return result;
    }
}
