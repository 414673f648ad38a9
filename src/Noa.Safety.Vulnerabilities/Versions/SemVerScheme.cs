using Semver;

namespace Noa.Safety.Vulnerabilities.Versions;

/// <summary>npm and crates.io: SemVer 2.0.0, as the Semver library reads it (strict, numbers of any size). npm's parser
/// also accepts a leading "v" or "=".</summary>
internal sealed class SemVerScheme : VersionScheme
{
    public static readonly SemVerScheme Instance = new();

    public override bool IsValid(string version) => TryParse(version, out _);

    public override int Compare(string? x, string? y) => SemVersion.ComparePrecedence(Parse(x), Parse(y));

    internal static SemVersion Parse(string? text) =>
        TryParse(Require(text), out var v) ? v : throw new FormatException($"not a semantic version: '{text}'");

    internal static bool TryParse(string text, out SemVersion version)
    {
        var s = text.Trim();
        if (s.Length > 0 && s[0] == '=')
        {
            s = s[1..];
        }
        return SemVersion.TryParse(s, SemVersionStyles.AllowLowerV, out version!);
    }
}
