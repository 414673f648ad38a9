using System.Globalization;
using System.Numerics;

namespace Noa.Safety.Vulnerabilities.Versions;

/// <summary>A Semantic Versioning 2.0.0 version (semver.org §2, §9-§11).</summary>
internal sealed record SemVer(BigInteger Major, BigInteger Minor, BigInteger Patch, IReadOnlyList<string> Prerelease)
{
    public bool IsPrerelease => Prerelease.Count > 0;

    /// <summary>Parses MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]; build metadata is dropped.</summary>
    public static bool TryParse(string text, out SemVer version)
    {
        version = null!;
        var s = text.Trim();
        var plus = s.IndexOf('+');
        if (plus >= 0)
        {
            if (!ValidIdentifiers(s[(plus + 1)..], numericRule: false)) return false;
            s = s[..plus];
        }
        var pre = Array.Empty<string>();
        var dash = s.IndexOf('-');
        if (dash >= 0)
        {
            var preText = s[(dash + 1)..];
            if (!ValidIdentifiers(preText, numericRule: true)) return false;
            pre = preText.Split('.');
            s = s[..dash];
        }
        var core = s.Split('.');
        if (core.Length != 3) return false;
        var numbers = new BigInteger[3];
        for (var i = 0; i < 3; i++)
        {
            if (!IsNumeric(core[i]) || (core[i].Length > 1 && core[i][0] == '0')) return false;
            numbers[i] = BigInteger.Parse(core[i], CultureInfo.InvariantCulture);
        }
        version = new SemVer(numbers[0], numbers[1], numbers[2], pre);
        return true;
    }

    public static int Compare(SemVer a, SemVer b)
    {
        var c = a.Major.CompareTo(b.Major);
        if (c == 0) c = a.Minor.CompareTo(b.Minor);
        if (c == 0) c = a.Patch.CompareTo(b.Patch);
        return c != 0 ? c : ComparePrerelease(a.Prerelease, b.Prerelease, StringComparer.Ordinal);
    }

    /// <summary>§11: a release outranks its prereleases; identifiers compare numerically when both are
    /// numeric, numeric ones rank below alphanumeric ones, and a longer set wins a tie.</summary>
    internal static int ComparePrerelease(IReadOnlyList<string> a, IReadOnlyList<string> b, StringComparer text)
    {
        if (a.Count == 0 || b.Count == 0) return b.Count.CompareTo(a.Count);
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var (x, y) = (a[i], b[i]);
            var (xn, yn) = (IsNumeric(x), IsNumeric(y));
            var c = xn && yn ? BigInteger.Parse(x, CultureInfo.InvariantCulture).CompareTo(BigInteger.Parse(y, CultureInfo.InvariantCulture))
                : xn ? -1 : yn ? 1 : Math.Sign(text.Compare(x, y));
            if (c != 0) return c;
        }
        return a.Count.CompareTo(b.Count);
    }

    internal static bool IsNumeric(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);

    private static bool ValidIdentifiers(string text, bool numericRule) =>
        text.Split('.').All(id => id.Length > 0
            && id.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-')
            && !(numericRule && IsNumeric(id) && id.Length > 1 && id[0] == '0'));
}
