using System.Text.Json;

namespace Noa.Safety.Vulnerabilities.Osv;

internal static class OsvJson
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = false };

    /// <summary>One OSV record, or every record of a JSON array of them (OSV's API and some exports).</summary>
    public static IReadOnlyList<OsvVulnerability> ParseMany(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var doc = JsonDocument.ParseValue(ref reader);
        return doc.RootElement.ValueKind == JsonValueKind.Array
            ? doc.RootElement.EnumerateArray().Select(Parse).ToList()
            : [Parse(doc.RootElement)];
    }

    public static OsvVulnerability Parse(JsonElement element)
    {
        var v = element.Deserialize<OsvVulnerability>(Options) ?? throw new JsonException("null OSV record");
        return string.IsNullOrEmpty(v.Id) ? throw new JsonException("an OSV record without an id") : v;
    }

    public static OsvVulnerability Parse(string json) => ParseMany(System.Text.Encoding.UTF8.GetBytes(json)) switch
    {
        [var one] => one,
        var many => throw new JsonException($"expected one OSV record, found {many.Count}"),
    };
}
