using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Noa.Safety.Vulnerabilities.Versions;

/// <summary>Packagist (Composer): PHP's version_compare after Composer's normalisation: a leading
/// "v" is dropped, '-', '_' and '+' become '.', a '.' goes between digits and letters; special forms
/// rank dev &lt; alpha = a &lt; beta = b &lt; RC = rc &lt; number &lt; pl = p; any other word ranks below dev.</summary>
internal sealed partial class PackagistScheme : VersionScheme
{
    public static readonly PackagistScheme Instance = new();

    [GeneratedRegex(@"(?<=[0-9])(?=[a-zA-Z])|(?<=[a-zA-Z])(?=[0-9])")]
    private static partial Regex Transition();

    public override bool IsValid(string version) => version.Trim().TrimStart('v', 'V').Length > 0 && char.IsAsciiDigit(version.Trim().TrimStart('v', 'V')[0]);

    public override int Compare(string? x, string? y)
    {
        var (a, b) = (Parts(Require(x)), Parts(Require(y)));
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            // version_compare pads the shorter with nothing: a missing part after a number is lower,
            // except that "1.0" vs "1.0.0" continue with the numbers (PHP compares "1.0" < "1.0.0").
            if (i >= a.Length) return IsNumeric(b[i]) ? -1 : Rank(b[i]) < Rank("#") ? 1 : -1;
            if (i >= b.Length) return IsNumeric(a[i]) ? 1 : Rank(a[i]) < Rank("#") ? -1 : 1;
            var (l, r) = (a[i], b[i]);
            int c = IsNumeric(l) && IsNumeric(r)
                ? BigInteger.Parse(l, CultureInfo.InvariantCulture).CompareTo(BigInteger.Parse(r, CultureInfo.InvariantCulture))
                : Rank(l).CompareTo(Rank(r));
            if (c != 0) return c;
        }
        return 0;
    }

    private static string[] Parts(string v)
    {
        var s = v.Trim().TrimStart('v', 'V').Replace('-', '.').Replace('_', '.').Replace('+', '.');
        return Transition().Replace(s, ".").Split('.', StringSplitOptions.RemoveEmptyEntries);
    }

    private static int Rank(string part) => IsNumeric(part) ? 4 : part.ToLowerInvariant() switch
    {
        "dev" => 0,
        "alpha" or "a" => 1,
        "beta" or "b" => 2,
        "rc" => 3,
        "#" => 4,
        "pl" or "p" => 5,
        _ => -1,
    };
}
