using System.Text.Json;
using Noa.Safety.Secrets.Scanning;

namespace Noa.Safety.Secrets.Adapters;

/// <summary>
/// Runs <c>trivy fs --scanners secret</c> offline and normalises its JSON. Trivy masks secrets itself
/// (asterisks), so its findings carry no content fingerprint and merge with ours by file and line.
/// </summary>
/// <param name="executable">Path of the trivy binary; null looks on PATH.</param>
public sealed class TrivyAdapter(string? executable = null)
{
    /// <summary>Engine name in <see cref="SecretFinding.Engines"/>.</summary>
    public const string Engine = "trivy";

    /// <summary>The binary that would run, or null when none is installed.</summary>
    public string? Executable { get; } = ExternalTool.Locate(executable, "trivy");

    /// <summary>Scans <paramref name="directory"/>; paths in findings are relative to it.</summary>
    public async Task<ExternalScanResult> ScanAsync(string directory, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        if (Executable is null) { return new(Engine, ExternalScanStatus.NotInstalled, [], "trivy is not on PATH"); }
        var cache = Path.Combine(Path.GetTempPath(), "noa-trivy-cache");
        string[] args = ["fs", "--scanners", "secret", "--format", "json", "--skip-db-update", "--offline-scan", "--quiet",
            "--cache-dir", cache, Path.GetFullPath(directory)];
        var (exit, stdout, stderr) = await ExternalTool.RunAsync(Executable, args, timeout ?? TimeSpan.FromMinutes(10), ct);
        if (exit != 0 || stdout.Length == 0)
        {
            return new(Engine, ExternalScanStatus.Failed, [], $"trivy exited {exit}: {ExternalTool.Excerpt(stderr)}");
        }
        return new(Engine, ExternalScanStatus.Completed, Parse(stdout), "trivy fs --scanners secret");
    }

    /// <summary>Normalises a Trivy JSON report (<c>Results[].Secrets[]</c>).</summary>
    public static IReadOnlyList<SecretFinding> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var findings = new List<SecretFinding>();
        if (!doc.RootElement.TryGetProperty("Results", out var results) || results.ValueKind != JsonValueKind.Array) { return findings; }
        foreach (var result in results.EnumerateArray())
        {
            var path = Str(result, "Target").Replace('\\', '/');
            if (!result.TryGetProperty("Secrets", out var secrets) || secrets.ValueKind != JsonValueKind.Array) { continue; }
            foreach (var s in secrets.EnumerateArray())
            {
                var rule = Str(s, "RuleID");
                var line = s.TryGetProperty("StartLine", out var l) ? l.GetInt32() : 0;
                var match = Str(s, "Match").Trim();
                // Trivy has already masked the secret; keep at most the visible start of the line.
                var redacted = match.Length <= 160 ? match : match[..160] + "…";
                findings.Add(new SecretFinding(rule, Str(s, "Title"), path, line, 0, null, Redactor.Mask, redacted,
                    Fingerprints.Location(null, path, rule, line), "", 0, [Engine], [Str(s, "Category"), Str(s, "Severity")]));
            }
        }
        return SecretFindings.Order(findings);
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
}
