using System.Text.RegularExpressions;

namespace Noa.Abstractions;

/// <summary>
/// How every <see cref="IVectorStore"/> reads a keyword query: each word (a run of letters, digits and underscores)
/// becomes a phrase of its letter-and-digit runs (<c>parse_config</c> → "parse config"), and any phrase may match.
/// Common English words (<c>the</c>, <c>of</c>, <c>to</c> …) are left out unless the query has nothing else: they
/// carry no ranking weight but make a store score most of a collection (a 100k-chunk collection went from ~10 ms to
/// ~150–200 ms at p99 with them).
/// </summary>
public static partial class KeywordQuery
{
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "if", "in", "into", "is", "it", "its",
        "no", "not", "of", "on", "or", "so", "such", "than", "that", "the", "their", "then", "there", "these", "this", "to",
        "was", "we", "were", "which", "will", "with", "you", "your",
    };

    /// <summary>The query's phrases, each a list of tokens; empty when the query holds no letter or digit.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Phrases(string query)
    {
        var phrases = Word().Matches(query)
            .Select(w => (IReadOnlyList<string>)Token().Matches(w.Value).Select(t => t.Value).ToList())
            .Where(tokens => tokens.Count > 0)
            .DistinctBy(tokens => string.Join(' ', tokens).ToLowerInvariant())
            .ToList();
        var meaningful = phrases.Where(p => p.Count > 1 || !StopWords.Contains(p[0])).ToList();
        return meaningful.Count > 0 ? meaningful : phrases;
    }

    [GeneratedRegex(@"[\p{L}\p{N}_]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Token();
}
