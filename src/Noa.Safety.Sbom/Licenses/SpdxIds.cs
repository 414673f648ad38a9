using System.IO.Compression;
using System.Text.Json;

namespace Noa.Safety.Sbom.Licenses;

/// <summary>The SPDX licence and exception ids, case-insensitive to canonical case.</summary>
internal static class SpdxIds
{
    private static readonly Lazy<(Dictionary<string, string> Licenses, Dictionary<string, string> Exceptions)> Data = new(Load);

    public static bool TryLicense(string id, out string canonical) => Data.Value.Licenses.TryGetValue(id, out canonical!);

    public static bool TryException(string id, out string canonical) => Data.Value.Exceptions.TryGetValue(id, out canonical!);

    private static (Dictionary<string, string>, Dictionary<string, string>) Load()
    {
        using var stream = typeof(SpdxIds).Assembly.GetManifestResourceStream("Noa.Sbom.licenses.json.gz")
            ?? throw new InvalidOperationException("the embedded SPDX licence list is missing");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var doc = JsonDocument.Parse(gzip);
        var licenses = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in new[] { "ids", "deprecated" })
        {
            foreach (var id in doc.RootElement.GetProperty(name).EnumerateArray())
            {
                licenses.TryAdd(id.GetString()!, id.GetString()!);
            }
        }
        var exceptions = doc.RootElement.GetProperty("exceptions").EnumerateArray()
            .Select(e => e.GetString()!).ToDictionary(e => e, e => e, StringComparer.OrdinalIgnoreCase);
        return (licenses, exceptions);
    }
}
