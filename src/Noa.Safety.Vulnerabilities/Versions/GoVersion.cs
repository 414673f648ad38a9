using Semver;

namespace Noa.Safety.Vulnerabilities.Versions;

/// <summary>
/// Go module versions, the one ordering the SBOM (which go.sum version of a module is in use) and the vulnerability
/// matcher share: semver with a mandatory "v" (OSV also writes it without). A pseudo-version
/// (v0.0.0-20191109021931-daa7c04131f5, vX.Y.(Z+1)-0.yyyymmddhhmmss-hash, vX.Y.Z-pre.0.yyyymmddhhmmss-hash) is a
/// prerelease, so semver ordering puts it below its release and orders it by commit time; numeric prerelease
/// identifiers compare as numbers (rc.9 before rc.10); "+incompatible" is build metadata and does not count.
/// </summary>
public static class GoVersion
{
    /// <summary>Orders valid versions as Go does; a string that is not a version sorts before every version (so the
    /// newest of a list is always a real one).</summary>
    public static IComparer<string> Comparer { get; } = Comparer<string>.Create(Compare);

    /// <summary>Parses a Go module version, with or without its "v".</summary>
    public static bool TryParse(string? text, out SemVersion version)
    {
        version = null!;
        return text is not null && SemVersion.TryParse(text.Trim(), SemVersionStyles.AllowLowerV, out version!);
    }

    private static int Compare(string? x, string? y)
    {
        var (a, b) = (TryParse(x, out var va) ? va : null, TryParse(y, out var vb) ? vb : null);
        return (a, b) switch
        {
            (null, null) => string.CompareOrdinal(x, y),
            (null, _) => -1,
            (_, null) => 1,
            _ => SemVersion.ComparePrecedence(a, b),
        };
    }
}
