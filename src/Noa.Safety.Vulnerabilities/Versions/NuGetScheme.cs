using System.Globalization;
using System.Numerics;

namespace Noa.Safety.Vulnerabilities.Versions;

/// <summary>NuGet: SemVer 2.0.0 plus legacy 4-part versions (Major.Minor[.Patch[.Revision]], missing
/// parts are 0, so 1.0 = 1.0.0 = 1.0.0.0), leading zeros allowed, prerelease labels compared without
/// regard to case, build metadata ignored.</summary>
internal sealed class NuGetScheme : VersionScheme
{
    public static readonly NuGetScheme Instance = new();

    public override bool IsValid(string version) => TryParse(version, out _, out _);

    public override int Compare(string? x, string? y)
    {
        var (a, pa) = Parse(x);
        var (b, pb) = Parse(y);
        for (var i = 0; i < 4; i++)
        {
            var c = a[i].CompareTo(b[i]);
            if (c != 0) return c;
        }
        return SemVer.ComparePrerelease(pa, pb, StringComparer.OrdinalIgnoreCase);
    }

    private static (BigInteger[] Numbers, string[] Pre) Parse(string? text) =>
        TryParse(Require(text), out var n, out var p) ? (n, p) : throw new FormatException($"not a NuGet version: '{text}'");

    private static bool TryParse(string text, out BigInteger[] numbers, out string[] pre)
    {
        numbers = new BigInteger[4];
        pre = [];
        var s = text.Trim();
        var plus = s.IndexOf('+');
        if (plus >= 0) s = s[..plus];
        var dash = s.IndexOf('-');
        if (dash >= 0)
        {
            pre = s[(dash + 1)..].Split('.');
            if (pre.Any(p => p.Length == 0 || !p.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-'))) return false;
            s = s[..dash];
        }
        var parts = s.Split('.');
        if (parts.Length is < 1 or > 4) return false;
        for (var i = 0; i < parts.Length; i++)
        {
            if (!SemVer.IsNumeric(parts[i])) return false;
            numbers[i] = BigInteger.Parse(parts[i], CultureInfo.InvariantCulture);
        }
        return true;
    }
}
