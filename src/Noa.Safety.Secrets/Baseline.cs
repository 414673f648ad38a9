using System.Text.Json;

namespace Noa.Safety.Secrets;

/// <summary>
/// Accepted findings: a JSON list of fingerprints (location <c>file:rule:line</c> or content <c>sha256:…</c>).
/// A Gitleaks JSON report (objects with <c>Fingerprint</c>) is read as well, like <c>gitleaks --baseline-path</c>.
/// </summary>
public static class Baseline
{
    /// <summary>Reads the fingerprints of a baseline file.</summary>
    public static IReadOnlySet<string> Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{path}: a baseline is a JSON array of fingerprints");
        }
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String) { set.Add(item.GetString()!); }
            else if (item.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in new[] { "Fingerprint", "fingerprint", "ContentFingerprint", "contentFingerprint" })
                {
                    if (item.TryGetProperty(name, out var f) && f.ValueKind == JsonValueKind.String) { set.Add(f.GetString()!); }
                }
            }
        }
        return set;
    }

    /// <summary>Writes the content fingerprints of <paramref name="findings"/> (sorted, one per finding) as a baseline.</summary>
    public static void Write(string path, IEnumerable<SecretFinding> findings)
    {
        var list = findings.Select(f => f.ContentFingerprint.Length > 0 ? f.ContentFingerprint : f.Fingerprint)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        File.WriteAllText(path, JsonSerializer.Serialize(list, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>True when the baseline holds either fingerprint of the finding.</summary>
    public static bool Suppresses(IReadOnlySet<string> baseline, SecretFinding f) =>
        baseline.Contains(f.Fingerprint) || (f.ContentFingerprint.Length > 0 && baseline.Contains(f.ContentFingerprint));
}
