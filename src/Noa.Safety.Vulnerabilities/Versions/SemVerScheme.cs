namespace Noa.Safety.Vulnerabilities.Versions;

/// <summary>npm and crates.io: SemVer 2.0.0. npm's parser also accepts a leading "v" or "=".</summary>
internal sealed class SemVerScheme : VersionScheme
{
    public static readonly SemVerScheme Instance = new();

    public override bool IsValid(string version) => SemVer.TryParse(Strip(version), out _);

    public override int Compare(string? x, string? y) => SemVer.Compare(Parse(x), Parse(y));

    internal static SemVer Parse(string? text) =>
        SemVer.TryParse(Strip(Require(text)), out var v) ? v : throw new FormatException($"not a semantic version: '{text}'");

    private static string Strip(string s)
    {
        s = s.Trim();
        return s.Length > 0 && (s[0] == 'v' || s[0] == '=') ? s[1..] : s;
    }
}
