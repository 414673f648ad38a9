using System.Text.Json;
using Noa.Safety.Vulnerabilities.Cvss;

namespace Noa.Safety.Vulnerabilities.Osv;

/// <summary>Turns an OSV record into a finding for one installed package, when it affects it.</summary>
internal static class OsvMatcher
{
    public static Finding? Match(OsvVulnerability vuln, PackageRef package, string source, List<MatchProblem> problems)
    {
        if (vuln.Withdrawn is not null) return null;
        var scheme = Ecosystems.Scheme(package.Ecosystem);
        if (scheme is null) return null;
        var key = Ecosystems.NormaliseName(package.Ecosystem, package.Name);
        var affected = false;
        string? fix = null;
        List<OsvSeverity> severities = [.. vuln.Severity ?? []];
        foreach (var entry in vuln.Affected ?? [])
        {
            if (entry.Package is not { } p || Ecosystems.Canonical(p.Ecosystem) != Ecosystems.Canonical(package.Ecosystem)
                || Ecosystems.NormaliseName(p.Ecosystem, p.Name) != key) continue;
            try
            {
                var verdict = RangeEvaluator.Evaluate(entry, package.Version, scheme);
                if (verdict.SkippedGitRange && entry.Versions is not { Count: > 0 })
                    problems.Add(new(MatchProblemKind.RangeNotEvaluated, source, $"{vuln.Id}: a GIT range without a versions list is not evaluated", package));
                if (!verdict.Affected) continue;
                affected = true;
                severities.AddRange(entry.Severity ?? []);
                if (verdict.FixedVersion is { } f && (fix is null || scheme.Compare(f, fix) < 0)) fix = f;
            }
            catch (FormatException e)
            {
                problems.Add(new(MatchProblemKind.InvalidVersion, source, $"{vuln.Id}: {e.Message}", package));
            }
        }
        if (!affected) return null;
        return new Finding(package, vuln.Id, vuln.Aliases ?? [], vuln.Summary ?? FirstLine(vuln.Details),
            SeverityOf(severities, DatabaseRating(vuln.DatabaseSpecific)), fix,
            (vuln.References ?? []).Select(r => r.Url).Distinct().ToList(), source);
    }

    /// <summary>A score computed from a vector first (v3, whose scores advisories have carried longest, then v4), then the
    /// database's own rating.</summary>
    internal static Severity SeverityOf(IEnumerable<OsvSeverity> severities, string? databaseRating)
    {
        var list = severities.ToList();
        foreach (var s in list.Where(s => s.Type == "CVSS_V3"))
        {
            if (Cvss3.BaseScore(s.Score) is { } score) return new Severity(Severity.BandOf(score), score, s.Score, "cvss3");
        }
        foreach (var s in list.Where(s => s.Type == "CVSS_V4"))
        {
            if (Cvss4.Score(s.Score) is { } score) return new Severity(Severity.BandOf(score), score, s.Score, "cvss4");
        }
        if (databaseRating is not null && Severity.BandOf(databaseRating) is var band and not SeverityBand.Unknown)
            return new Severity(band, null, list.FirstOrDefault()?.Score, "database");
        return Severity.Unknown;
    }

    private static string? DatabaseRating(JsonElement? databaseSpecific) =>
        databaseSpecific is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("severity", out var s) && s.ValueKind == JsonValueKind.String
            ? s.GetString()
            : null;

    private static string? FirstLine(string? text) => text?.Split('\n', 2)[0].Trim();
}
