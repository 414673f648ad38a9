using Noa.Licenses;

namespace Noa.Stages.Classifier.Licenses;

/// <summary>
/// Matches licence files against every current SPDX licence text by word-set Dice coefficient, like
/// licensee's Dice matcher. Texts that are word-for-word the same (GPL-3.0-only and -or-later) tie;
/// ties go to the more common licence, then the shorter id.
/// </summary>
internal static class LicenseMatcher
{
    public const double Threshold = 0.9;

    private const double NearTie = 0.015;

    // The licences real projects use most, in order: they win ties with their rarer look-alikes.
    private static readonly string[] Preferred =
    [
        "MIT", "Apache-2.0", "BSD-3-Clause", "BSD-2-Clause", "ISC", "GPL-3.0-only", "GPL-2.0-only", "LGPL-2.1-only",
        "LGPL-3.0-only", "AGPL-3.0-only", "MPL-2.0", "Unlicense", "0BSD", "EPL-2.0", "EPL-1.0", "BSL-1.0", "CC0-1.0",
        "Zlib", "Artistic-2.0", "PostgreSQL", "Python-2.0", "OFL-1.1", "CC-BY-4.0", "CC-BY-SA-4.0", "WTFPL",
    ];

    // A text and a template whose lengths differ threefold cannot reach the threshold: their word sets differ too much.
    private const int LengthRatio = 3;

    private static readonly Lazy<LicenseTemplate[]> Templates = new(() =>
    {
        var catalog = SpdxCatalog.Instance;
        var list = new List<LicenseTemplate>();
        foreach (var (id, text) in LicenseTexts.Load().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!catalog.Current.Contains(id) || text.Length == 0)
            {
                continue;
            }
            list.Add(new LicenseTemplate(id, text));
            // SPDX's LGPL-3.0 text carries the GPL-3.0 it amends; projects ship the LGPL part alone (COPYING.LESSER).
            var appended = id.StartsWith("LGPL-3.0", StringComparison.Ordinal) && text.Length > 200
                ? text.IndexOf("GNU GENERAL PUBLIC LICENSE", 200, StringComparison.Ordinal)
                : -1;
            if (appended > 0)
            {
                list.Add(new LicenseTemplate(id, text[..appended]));
            }
        }
        return [.. list];
    });

    public static LicenseMatch Match(string text)
    {
        var words = LicenseText.Words(text);
        if (words.Count < 5)
        {
            return new LicenseMatch(null, null, 0);
        }
        var length = LicenseTemplate.TermsLengthOf(text);
        var candidates = Templates.Value.Where(t => t.TermsLength * LengthRatio >= length && t.TermsLength <= length * LengthRatio).ToArray();
        // Normalising templates is the slow step of the licence report: spread the first use over the cores.
        Parallel.ForEach(candidates, t => _ = t.Words);
        string? best = null;
        var bestScore = 0.0;
        foreach (var t in candidates)
        {
            var (id, template) = (t.Id, t.Words);
            // The best Dice two sets of these sizes could reach; skip hopeless ones without intersecting.
            var bound = 2.0 * Math.Min(words.Count, template.Count) / (words.Count + template.Count);
            if (bound + 1e-9 < bestScore)
            {
                continue;
            }
            var score = LicenseText.Dice(words, template);
            if (score > bestScore + 1e-9 || (Math.Abs(score - bestScore) <= 1e-9 && best is not null && Prefer(id, best)))
            {
                best = id;
                bestScore = score;
            }
        }
        // Look-alikes of a common licence (Pixar is Apache-2.0 with changes) may edge past it on a copy
        // that dropped a paragraph; within a hair of the best, the common licence is the better answer.
        if (best is not null && Array.IndexOf(Preferred, best) < 0)
        {
            foreach (var t in candidates)
            {
                if (Array.IndexOf(Preferred, t.Id) >= 0 && LicenseText.Dice(words, t.Words) is var s && s >= bestScore - NearTie && s >= Threshold)
                {
                    best = t.Id;
                    bestScore = s;
                    break;
                }
            }
        }
        var rounded = Math.Round(bestScore, 4);
        return new LicenseMatch(bestScore >= Threshold ? best : null, best, rounded);
    }

    private static bool Prefer(string candidate, string current)
    {
        var a = Array.IndexOf(Preferred, candidate);
        var b = Array.IndexOf(Preferred, current);
        if (a >= 0 || b >= 0)
        {
            return a >= 0 && (b < 0 || a < b);
        }
        return candidate.Length < current.Length || (candidate.Length == current.Length && string.CompareOrdinal(candidate, current) < 0);
    }
}
