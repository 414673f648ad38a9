using System.Text.Json;
using Noa.Safety.Secrets.Scanning;

namespace Noa.Safety.Secrets.Adapters;

/// <summary>
/// Runs Gitleaks over a directory and normalises its JSON report. Gitleaks ≥ 8.19 scans directories with
/// <c>gitleaks dir</c>; older ones (Debian's 8.16) with <c>gitleaks detect --no-git</c>. The raw secrets
/// in the report are read only to fingerprint and redact them; the report file is deleted.
/// </summary>
/// <param name="executable">Path of the gitleaks binary; null looks on PATH.</param>
public sealed class GitleaksAdapter(string? executable = null)
{
    /// <summary>Engine name in <see cref="SecretFinding.Engines"/>.</summary>
    public const string Engine = "gitleaks";

    /// <summary>The binary that would run, or null when none is installed.</summary>
    public string? Executable { get; } = ExternalTool.Locate(executable, "gitleaks");

    /// <summary>Scans <paramref name="directory"/>; paths in findings are relative to it.</summary>
    public async Task<ExternalScanResult> ScanAsync(string directory, string? configPath = null, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        if (Executable is null) { return new(Engine, ExternalScanStatus.NotInstalled, [], "gitleaks is not on PATH"); }
        var source = Path.GetFullPath(directory);
        var report = Path.Combine(Path.GetTempPath(), $"noa-gitleaks-{Guid.NewGuid():N}.json");
        try
        {
            var (_, help, _) = await ExternalTool.RunAsync(Executable, ["help"], TimeSpan.FromSeconds(30), ct);
            var hasDir = help.Split('\n').Any(l => l.TrimStart().StartsWith("dir ", StringComparison.Ordinal));
            List<string> args = hasDir ? ["dir", source] : ["detect", "--no-git", "--source", source];
            args.AddRange(["--report-format", "json", "--report-path", report, "--exit-code", "0", "--no-banner", "--log-level", "error"]);
            if (configPath is not null) { args.AddRange(["--config", configPath]); }
            var (exit, _, stderr) = await ExternalTool.RunAsync(Executable, args, timeout ?? TimeSpan.FromMinutes(10), ct);
            if (exit != 0 || !File.Exists(report))
            {
                return new(Engine, ExternalScanStatus.Failed, [], $"gitleaks exited {exit}: {ExternalTool.Excerpt(stderr)}");
            }
            return new(Engine, ExternalScanStatus.Completed, Parse(await File.ReadAllTextAsync(report, ct), source), string.Join(' ', args[..2]));
        }
        finally
        {
            File.Delete(report);
        }
    }

    /// <summary>Normalises a Gitleaks JSON report (an array of findings); <paramref name="source"/> is stripped from paths.</summary>
    public static IReadOnlyList<SecretFinding> Parse(string json, string? source = null)
    {
        using var doc = JsonDocument.Parse(json);
        var findings = new List<SecretFinding>();
        foreach (var f in doc.RootElement.EnumerateArray())
        {
            var rule = Str(f, "RuleID");
            var secret = Str(f, "Secret");
            var match = Str(f, "Match");
            var path = Relative(Str(f, "File"), source);
            var commit = Str(f, "Commit") is { Length: > 0 } c ? c : null;
            var line = f.TryGetProperty("StartLine", out var l) ? l.GetInt32() : 0;
            var column = f.TryGetProperty("StartColumn", out var col) ? col.GetInt32() : 0;
            var tags = f.TryGetProperty("Tags", out var t) && t.ValueKind == JsonValueKind.Array
                ? t.EnumerateArray().Select(x => x.GetString() ?? "").ToArray() : [];
            findings.Add(new SecretFinding(rule, Str(f, "Description"), path, line, column, commit,
                Redactor.Secret(secret), Redactor.Match(match.Trim(), secret), Fingerprints.Location(commit, path, rule, line),
                Fingerprints.Content(path, rule, secret), Math.Round(Entropy.Shannon(secret), 3), [Engine], tags));
        }
        return SecretFindings.Order(findings);
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    internal static string Relative(string path, string? source)
    {
        if (source is not null && Path.IsPathRooted(path)) { path = Path.GetRelativePath(source, path); }
        else if (source is not null && path.StartsWith(source.TrimStart('/'), StringComparison.Ordinal)) { path = path[source.TrimStart('/').Length..]; }
        return path.Replace('\\', '/').TrimStart('/');
    }
}
