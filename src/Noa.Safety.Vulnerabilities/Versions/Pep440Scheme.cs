using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Noa.Safety.Vulnerabilities.Versions;

/// <summary>PyPI: PEP 440 (the "Version scheme" and "Normalization" sections), ordered as
/// packaging.version orders it: epoch, release with trailing zeros ignored, then dev &lt; pre &lt; release
/// &lt; post, and a local label ranks above the same public version.</summary>
internal sealed partial class Pep440Scheme : VersionScheme
{
    public static readonly Pep440Scheme Instance = new();

    // The regex PEP 440's appendix gives, which also accepts every spelling that normalises.
    [GeneratedRegex("""
        ^\s*v?(?:(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\.[0-9]+)*)
        (?<pre>[-_\.]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_\.]?(?<pre_n>[0-9]+)?)?
        (?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_\.]?(?<post_l>post|rev|r)[-_\.]?(?<post_n2>[0-9]+)?))?
        (?<dev>[-_\.]?(?<dev_l>dev)[-_\.]?(?<dev_n>[0-9]+)?)?)
        (?:\+(?<local>[a-z0-9]+(?:[-_\.][a-z0-9]+)*))?\s*$
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();

    public override bool IsValid(string version) => Pattern().IsMatch(version);

    public override int Compare(string? x, string? y) => Key.Compare(Parse(x), Parse(y));

    /// <summary>The normalised form (PEP 440 "Normalization"): 1.0-ALPHA_1 → 1.0a1, 1.0-1 → 1.0.post1.</summary>
    public static string Normalise(string version) => Parse(version).ToString();

    private static Key Parse(string? text)
    {
        var m = Pattern().Match(Require(text));
        if (!m.Success) throw new FormatException($"not a PEP 440 version: '{text}'");
        static BigInteger Num(Group g) => g.Success ? BigInteger.Parse(g.Value, CultureInfo.InvariantCulture) : BigInteger.Zero;
        var release = m.Groups["release"].Value.Split('.').Select(p => BigInteger.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        string? preLabel = m.Groups["pre"].Success
            ? m.Groups["pre_l"].Value.ToLowerInvariant() switch { "alpha" or "a" => "a", "beta" or "b" => "b", _ => "rc" }
            : null;
        BigInteger? post = m.Groups["post"].Success ? Num(m.Groups["post_n1"].Success ? m.Groups["post_n1"] : m.Groups["post_n2"]) : null;
        BigInteger? dev = m.Groups["dev"].Success ? Num(m.Groups["dev_n"]) : null;
        var local = m.Groups["local"].Success
            ? m.Groups["local"].Value.ToLowerInvariant().Split('-', '_', '.')
            : [];
        return new Key(Num(m.Groups["epoch"]), release, preLabel, Num(m.Groups["pre_n"]), post, dev, local);
    }

    private sealed record Key(BigInteger Epoch, BigInteger[] Release, string? PreLabel, BigInteger PreNumber,
        BigInteger? Post, BigInteger? Dev, string[] Local)
    {
        public static int Compare(Key a, Key b)
        {
            var c = a.Epoch.CompareTo(b.Epoch);
            if (c != 0) return c;
            var (ra, rb) = (Trim(a.Release), Trim(b.Release));
            for (var i = 0; i < Math.Max(ra.Length, rb.Length) && c == 0; i++)
                c = (i < ra.Length ? ra[i] : 0).CompareTo(i < rb.Length ? rb[i] : 0);
            if (c != 0) return c;
            c = a.PreRank().CompareTo(b.PreRank());
            if (c == 0 && a.PreLabel is not null) c = a.PreNumber.CompareTo(b.PreNumber);
            if (c == 0) c = (a.Post ?? -1).CompareTo(b.Post ?? -1);
            if (c == 0) c = (a.Dev is null ? 1 : 0).CompareTo(b.Dev is null ? 1 : 0);
            if (c == 0 && a.Dev is not null) c = a.Dev.Value.CompareTo(b.Dev!.Value);
            return c != 0 ? c : CompareLocal(a.Local, b.Local);
        }

        // A dev release of the final (1.0.dev1, no pre, no post) sorts before its pre-releases.
        private int PreRank() => PreLabel switch
        {
            null when Dev is not null && Post is null => -1,
            "a" => 0,
            "b" => 1,
            "rc" => 2,
            _ => 3,
        };

        // Local segments: numbers compare numerically and outrank letters; a longer label wins a tie.
        private static int CompareLocal(string[] a, string[] b)
        {
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                var (an, bn) = (IsNumeric(a[i]), IsNumeric(b[i]));
                var c = an && bn ? BigInteger.Parse(a[i], CultureInfo.InvariantCulture).CompareTo(BigInteger.Parse(b[i], CultureInfo.InvariantCulture))
                    : an ? 1 : bn ? -1 : string.CompareOrdinal(a[i], b[i]);
                if (c != 0) return Math.Sign(c);
            }
            return a.Length.CompareTo(b.Length);
        }

        private static BigInteger[] Trim(BigInteger[] r)
        {
            var n = r.Length;
            while (n > 1 && r[n - 1].IsZero) n--;
            return r[..n];
        }

        public override string ToString()
        {
            var s = (Epoch.IsZero ? "" : $"{Epoch}!") + string.Join('.', Release);
            if (PreLabel is not null) s += $"{PreLabel}{PreNumber}";
            if (Post is not null) s += $".post{Post}";
            if (Dev is not null) s += $".dev{Dev}";
            return Local.Length > 0 ? s + "+" + string.Join('.', Local) : s;
        }
    }
}
