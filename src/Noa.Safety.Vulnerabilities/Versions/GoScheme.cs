namespace Noa.Safety.Vulnerabilities.Versions;

/// <summary>Go modules: semver with a mandatory "v" (OSV also writes it without). A pseudo-version
/// (v0.0.0-20191109021931-daa7c04131f5, vX.Y.(Z+1)-0.yyyymmddhhmmss-hash, vX.Y.Z-pre.0.yyyymmddhhmmss-hash)
/// is a prerelease, so plain semver ordering already puts it below its release and orders it by
/// commit time; "+incompatible" is build metadata and does not affect the order.</summary>
internal sealed class GoScheme : VersionScheme
{
    public static readonly GoScheme Instance = new();

    public override bool IsValid(string version) => SemVer.TryParse(Strip(version), out _);

    public override int Compare(string? x, string? y) => SemVer.Compare(Parse(x), Parse(y));

    private static SemVer Parse(string? text) =>
        SemVer.TryParse(Strip(Require(text)), out var v) ? v : throw new FormatException($"not a Go module version: '{text}'");

    private static string Strip(string s)
    {
        s = s.Trim();
        return s.StartsWith('v') ? s[1..] : s;
    }
}
