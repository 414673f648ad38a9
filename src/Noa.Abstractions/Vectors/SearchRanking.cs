using Noa.Abstractions.Profiles;

namespace Noa.Abstractions;

/// <summary>
/// Orders search candidates so that the definition that does what the query says comes before chunks that merely mention
/// its words: reciprocal rank fusion (<see cref="ReciprocalRankFusion"/>) of the stores' rankings (vector, keyword) and
/// of a ranking by symbol-name match, then each fused score times the priors of <see cref="RankingWeights"/> by scope
/// and kind. Only ranks and metadata count, so every <see cref="IVectorStore"/> ranks by the same rule.
/// </summary>
public static class SearchRanking
{
    private static readonly HashSet<string> NonDefinitionKinds = new(StringComparer.Ordinal) { "file", "key", "section" };
    private static readonly HashSet<string> DocLanguages = new(StringComparer.Ordinal) { "markdown", "rst", "text" };

    /// <summary>
    /// The best <paramref name="limit"/> of the candidates of <paramref name="rankings"/> (each best first, ids unique
    /// within one) for <paramref name="query"/>; a hit's score becomes its ranked score. Ties keep first-seen order.
    /// </summary>
    public static IReadOnlyList<VectorHit> Rank(IReadOnlyList<IReadOnlyList<VectorHit>> rankings, string query, int limit, RankingWeights? weights = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        weights ??= RankingWeights.Default;
        var fused = new Dictionary<string, (VectorHit Hit, double Score, int FirstSeen)>(StringComparer.Ordinal);
        void Add(IReadOnlyList<VectorHit> ranking, double weight)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                var hit = ranking[rank];
                var add = weight / (ReciprocalRankFusion.DefaultK + rank + 1);
                fused[hit.Id] = fused.TryGetValue(hit.Id, out var seen) ? (seen.Hit, seen.Score + add, seen.FirstSeen) : (hit, add, fused.Count);
            }
        }
        foreach (var ranking in rankings)
            Add(ranking, 1);
        if (weights.SymbolMatch > 0)
            Add(BySymbol(fused.Values.OrderBy(f => f.FirstSeen).Select(f => f.Hit).ToList(), query), weights.SymbolMatch);
        return fused.Values
            .Select(f => (f.Hit, Score: f.Score * Prior(f.Hit.Metadata, weights), f.FirstSeen))
            .OrderByDescending(f => f.Score)
            .ThenBy(f => f.FirstSeen)
            .Take(limit)
            .Select(f => f.Hit with { Score = f.Score })
            .ToList();
    }

    /// <summary>The multiplier of a chunk's fused score: its scope's prior times its kind's.</summary>
    public static double Prior(ChunkMetadata metadata, RankingWeights weights)
    {
        var scope = metadata.Scope switch
        {
            FileScopes.Test or FileScopes.Fixture => weights.Test,
            FileScopes.Documentation => weights.Documentation,
            FileScopes.Example or FileScopes.Benchmark => weights.Example,
            FileScopes.Generated or FileScopes.Vendored => weights.Generated,
            // Prose outside a docs folder (a README at the root is the product's scope) is still documentation.
            _ when DocLanguages.Contains(metadata.Language) => weights.Documentation,
            _ => 1.0,
        };
        return scope * (NonDefinitionKinds.Contains(metadata.Kind) ? weights.NonDefinition : 1.0);
    }

    /// <summary>
    /// The candidates whose symbol name shares words with the query, by the share of the name's words the query holds
    /// (<c>flash</c> for "flash a message" 1, <c>setPassword</c> for "hash the password" 0.5), then by first-seen order.
    /// </summary>
    internal static List<VectorHit> BySymbol(IReadOnlyList<VectorHit> candidates, string query)
    {
        var words = Words(query).ToHashSet(StringComparer.Ordinal);
        if (words.Count == 0)
            return [];
        return candidates
            .Select((hit, order) => (hit, order, Share: Share(NameOf(hit.Metadata.Symbol), words)))
            .Where(c => c.Share > 0)
            .OrderByDescending(c => c.Share)
            .ThenBy(c => c.order)
            .Select(c => c.hit)
            .ToList();
    }

    private static double Share(string name, HashSet<string> words)
    {
        var parts = Words(name).ToList();
        return parts.Count == 0 ? 0 : (double)parts.Count(words.Contains) / parts.Count;
    }

    // The last segment of a qualified symbol (Flask.make_response → make_response); a file chunk's symbol is a file name.
    private static string NameOf(string symbol)
    {
        var at = symbol.LastIndexOfAny(['.', ':', '/', '#']);
        return at >= 0 && at < symbol.Length - 1 ? symbol[(at + 1)..] : symbol;
    }

    // Lower-case words of identifiers and prose (readAllBytes → read, all, byte); a plural or verb "s" is dropped so
    // "bytes" meets "byte". Stop words carry no match.
    private static IEnumerable<string> Words(string text) =>
        KeywordQuery.Parts(text).Select(w => w.ToLowerInvariant())
            .Where(w => w.Length > 1 && char.IsLetter(w[0]) && !KeywordQuery.IsStopWord(w))
            .Select(w => w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) ? w[..^1] : w);
}
