using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Noa.Safety.Vulnerabilities.Versions;

/// <summary>RubyGems: Gem::Version. Segments are runs of digits or of letters ("-" means ".pre.");
/// a version with a letter is a prerelease; trailing zeros of the release part and of the prerelease
/// part are ignored; a letter segment ranks below any number (1.0.a &lt; 1.0), letters compare as text.</summary>
internal sealed partial class RubyGemsScheme : VersionScheme
{
    public static readonly RubyGemsScheme Instance = new();

    // Gem::Version::ANCHORED_VERSION_PATTERN: an empty (or blank) version is "0".
    [GeneratedRegex(@"^\s*([0-9]+(?>\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)?\s*$")]
    private static partial Regex Pattern();

    [GeneratedRegex("[0-9]+|[a-zA-Z]+")]
    private static partial Regex Segment();

    public override bool IsValid(string version) => Pattern().IsMatch(version);

    public override int Compare(string? x, string? y)
    {
        var (a, b) = (Canonical(x), Canonical(y));
        for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            object l = i < a.Count ? a[i] : BigInteger.Zero, r = i < b.Count ? b[i] : BigInteger.Zero;
            var c = (l, r) switch
            {
                (BigInteger p, BigInteger q) => p.CompareTo(q),
                (string, BigInteger) => -1,
                (BigInteger, string) => 1,
                _ => Math.Sign(string.CompareOrdinal((string)l, (string)r)),
            };
            if (c != 0) return c;
        }
        return 0;
    }

    private static List<object> Canonical(string? text)
    {
        var s = Require(text);
        if (!Pattern().IsMatch(s)) throw new FormatException($"not a RubyGems version: '{text}'");
        var segments = Segment().Matches(s.Trim().Replace("-", ".pre.", StringComparison.Ordinal))
            .Select(m => char.IsAsciiDigit(m.Value[0]) ? (object)BigInteger.Parse(m.Value, CultureInfo.InvariantCulture) : m.Value)
            .ToList();
        var firstString = segments.FindIndex(o => o is string);
        var release = firstString < 0 ? segments : segments[..firstString];
        var pre = firstString < 0 ? [] : segments[firstString..];
        return [.. DropTrailingZeros(release), .. DropTrailingZeros(pre)];
    }

    private static List<object> DropTrailingZeros(List<object> s)
    {
        var n = s.Count;
        while (n > 0 && s[n - 1] is BigInteger z && z.IsZero) n--;
        return s[..n];
    }
}
