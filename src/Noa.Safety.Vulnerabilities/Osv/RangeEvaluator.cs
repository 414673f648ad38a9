using Noa.Safety.Vulnerabilities.Versions;

namespace Noa.Safety.Vulnerabilities.Osv;

/// <summary>Decides whether a version is affected, per the OSV schema's "Evaluation" section: events of
/// a SEMVER or ECOSYSTEM range are sorted by version ("introduced: 0" first) and walked in order;
/// introduced opens, fixed closes at that version, last_affected closes after it, and a limit caps
/// the range. Explicit <c>versions</c> match exactly. GIT ranges name commits, not versions, and are
/// left to the versions list that OSV enumerates from them.</summary>
internal static class RangeEvaluator
{
    public sealed record Verdict(bool Affected, string? FixedVersion, bool SkippedGitRange);

    public static Verdict Evaluate(OsvAffected affected, string version, VersionScheme scheme)
    {
        var isAffected = affected.Versions?.Any(v => Same(v, version, scheme)) == true;
        var skippedGit = false;
        string? fix = null;
        foreach (var range in affected.Ranges ?? [])
        {
            var rangeScheme = range.Type switch
            {
                "SEMVER" => SemVerScheme.Instance,
                "ECOSYSTEM" => scheme,
                _ => null,
            };
            if (rangeScheme is null)
            {
                skippedGit |= range.Type == "GIT";
                continue;
            }
            if (Includes(range, version, rangeScheme)) isAffected = true;
            foreach (var e in range.Events)
            {
                if (e.Fixed is { } f && rangeScheme.Compare(f, version) > 0 && (fix is null || rangeScheme.Compare(f, fix) < 0))
                    fix = f;
            }
        }
        return new Verdict(isAffected, isAffected ? fix : null, skippedGit);
    }

    internal static bool Includes(OsvRange range, string version, VersionScheme scheme)
    {
        var limits = range.Events.Where(e => e.Limit is not null && e.Limit != "*").Select(e => e.Limit!).ToList();
        if (limits.Count > 0 && limits.All(l => scheme.Compare(version, l) >= 0)) return false;
        var ordered = range.Events
            .Where(e => e.Limit is null)
            .Select(e => (Event: e, At: e.Introduced ?? e.Fixed ?? e.LastAffected ?? ""))
            .OrderBy(x => x.At, Comparer<string>.Create((a, b) => a == b ? 0 : a == "0" ? -1 : b == "0" ? 1 : scheme.Compare(a, b)))
            .ToList();
        var vulnerable = false;
        foreach (var (e, at) in ordered)
        {
            if (e.Introduced is not null && (at == "0" || scheme.Compare(version, at) >= 0)) vulnerable = true;
            else if (e.Fixed is not null && scheme.Compare(version, at) >= 0) vulnerable = false;
            else if (e.LastAffected is not null && scheme.Compare(version, at) > 0) vulnerable = false;
        }
        return vulnerable;
    }

    private static bool Same(string listed, string version, VersionScheme scheme) =>
        listed == version || (scheme.IsValid(listed) && scheme.IsValid(version) && scheme.Compare(listed, version) == 0);
}
