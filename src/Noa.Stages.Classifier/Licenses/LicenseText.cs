using System.Text.RegularExpressions;

namespace Noa.Stages.Classifier.Licenses;

/// <summary>
/// Normalises licence text the way licensee does before comparing: lower case, no copyright lines,
/// no template placeholders or URLs, one spelling of "license", no punctuation or bullets; the
/// result is the set of words, which is what the Sørensen–Dice coefficient compares.
/// </summary>
internal static partial class LicenseText
{
    // A copyright statement ("Copyright (c) 2014 Jane", "(C) 2007 FSF", "Copyright [yyyy] [owner]"), not a
    // wrapped sentence that happens to start with the word ("copyright notice and this permission notice ...").
    [GeneratedRegex(@"^[ \t>*#/-]*(?:copyright\s*(?:\(c\)|©|\d{4}|\[|<|\$\{|\{|:)|\(c\)\s*\d{4}|©\s*\d{4}|all rights reserved).*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex CopyrightLine();

    // SPDX texts mark fillable parts as <year>, ${licensor name} or [yyyy]; real files fill them in.
    [GeneratedRegex(@"<[^<>\n]{1,80}>|\$\{[^}\n]{1,80}\}|\[[^\[\]\n]{1,80}\]", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?:https?|ftp)://\S+|www\.\S+", RegexOptions.CultureInvariant)]
    private static partial Regex Url();

    [GeneratedRegex(@"\blicen[cs]", RegexOptions.CultureInvariant)]
    private static partial Regex LicenceSpelling();

    public static HashSet<string> Words(string text)
    {
        var lower = text.ToLowerInvariant();
        // Like licensee: what follows the terms (Apache's appendix, the GPL's "How to Apply") is
        // optional boilerplate that copies keep or drop.
        var end = lower.IndexOf("end of terms and conditions", StringComparison.Ordinal);
        if (end > 0)
        {
            lower = lower[..end];
        }
        lower = CopyrightLine().Replace(lower, " ");
        lower = Placeholder().Replace(lower, " ");
        lower = Url().Replace(lower, " ");
        lower = LicenceSpelling().Replace(lower, "licens");
        lower = lower.Replace("&", " and ", StringComparison.Ordinal);
        var words = new HashSet<string>(StringComparer.Ordinal);
        var span = lower.AsSpan();
        var start = -1;
        for (var i = 0; i <= span.Length; i++)
        {
            var letter = i < span.Length && char.IsLetterOrDigit(span[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                var word = span[start..i];
                // Bullets and section numbers ("a", "iv", "2") carry no meaning and differ between copies.
                if (!IsBullet(word))
                {
                    words.Add(word.ToString());
                }
                start = -1;
            }
        }
        return words;
    }

    /// <summary>Sørensen–Dice coefficient of two word sets: 2|A∩B| / (|A|+|B|).</summary>
    public static double Dice(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var common = 0;
        foreach (var w in small)
        {
            if (large.Contains(w))
            {
                common++;
            }
        }
        return 2.0 * common / (a.Count + b.Count);
    }

    private static bool IsBullet(ReadOnlySpan<char> word)
    {
        if (word.Length <= 3 && word.IndexOfAnyExcept("0123456789") < 0)
        {
            return true;
        }
        return word is "i" or "ii" or "iii" or "iv" or "v" or "vi" or "vii" or "viii" or "ix" or "x" or "b" or "c" or "d" or "e" or "f" or "g" or "h";
    }
}
