namespace Noa.Stages.Classifier.Licenses;

/// <summary>The full texts of the SPDX licences, for matching licence files; read from their own resource on first use
/// (only trees with licence files need them). The ids and names are <see cref="Noa.Licenses.SpdxCatalog"/>'s.</summary>
internal static class LicenseTexts
{
    public static IReadOnlyDictionary<string, string> Load()
    {
        using var doc = EmbeddedData.Open("license-texts.json.gz");
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.GetProperty("texts").EnumerateObject())
        {
            texts[p.Name] = p.Value.GetString() ?? "";
        }
        return texts;
    }
}
