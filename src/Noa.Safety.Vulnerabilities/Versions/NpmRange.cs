using System.Collections.Concurrent;
using Semver;

namespace Noa.Safety.Vulnerabilities.Versions;

/// <summary>npm's range syntax as advisories write it (node-semver "Ranges": sets joined by "||", comparators, hyphen
/// ranges, x-ranges, caret and tilde), read by the Semver library's npm parser. Prerelease versions are compared as plain
/// semver (npm audit's includePrerelease). A range is parsed once per process.</summary>
internal static class NpmRange
{
    private static readonly ConcurrentDictionary<string, SemVersionRange> Parsed = new(StringComparer.Ordinal);

    public static bool Satisfies(string range, string version) => Parse(range).Contains(SemVerScheme.Parse(version));

    /// <summary>The smallest exclusive upper bound above the version among the sets that hold it: the fix npm implies.
    /// A bound that npm writes as a "-0" prerelease (<c>~1</c> is <c>&lt;2.0.0-0</c>) is the release itself.</summary>
    public static string? FixedAbove(string range, string version)
    {
        var v = SemVerScheme.Parse(version);
        return Parse(range).Where(r => r.Contains(v) && r.End is not null && !r.EndInclusive)
            .Select(r => r.End!.Prerelease == "0" ? r.End.WithoutPrereleaseOrMetadata() : r.End)
            .OrderBy(e => e, SemVersion.PrecedenceComparer)
            .Select(e => e.ToString()).FirstOrDefault();
    }

    private static SemVersionRange Parse(string range) =>
        Parsed.GetOrAdd(range, r => SemVersionRange.TryParseNpm(r, includeAllPrerelease: true, out var parsed)
            ? parsed
            : throw new FormatException($"not an npm version range: '{r}'"));
}
