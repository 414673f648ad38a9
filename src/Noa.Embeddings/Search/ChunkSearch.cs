using Microsoft.Extensions.AI;
using Noa.Abstractions;
using Noa.Embeddings.Models;

namespace Noa.Embeddings.Search;

/// <summary>
/// Searches what the Embeddings stage stored: embeds the query with each configured model (code and docs may differ),
/// searches that model's collection by vector, words or both, and ranks the candidates with <see cref="SearchRanking"/>
/// (hybrid) or fuses the collections' rankings when there are two; a definition split into windows appears once, at its
/// best window. What <c>noa search</c> and <c>GET /search</c> answer. With a <see cref="ICatalog"/> (the metadata store, where the
/// process has one), each result of a published run carries its bundle's reference and digest, read from the catalogue row of
/// the run (one query per search), never copied into the vector store: a run published after it was embedded is found too.
/// </summary>
public sealed class ChunkSearch(IVectorStore store, EmbeddingOptions options, EmbeddingModelCache models, ICatalog? catalog = null)
{
    private const int SnippetLines = 6;

    /// <summary>Runs the query; throws <see cref="ArgumentException"/> naming what is wrong with it.</summary>
    public Task<IReadOnlyList<SearchResult>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default) =>
        SearchAsync(query, RankingWeights.Default, cancellationToken);

    /// <summary>
    /// Runs the query, ranking hybrid results with <paramref name="weights"/> (<see cref="SearchRanking"/>: the stores'
    /// vector and keyword rankings fused with a symbol-name ranking, then scope and kind priors). Vector and text modes
    /// keep their store's own order: they show what one signal alone finds.
    /// </summary>
    public async Task<IReadOnlyList<SearchResult>> SearchAsync(SearchQuery query, RankingWeights weights, CancellationToken cancellationToken = default)
    {
        var rankings = await CandidatesAsync(query, cancellationToken).ConfigureAwait(false);
        var want = query.K * 3;
        var hits = query.Mode == SearchMode.Hybrid ? SearchRanking.Rank(rankings, query.Text, want, weights)
            : rankings.Count == 1 ? rankings[0] : ReciprocalRankFusion.Fuse(rankings, want);
        var results = Results(query, hits);
        if (catalog is null || results.Count == 0)
            return results;
        var published = await catalog.GetManyAsync([.. results.Select(r => r.Run).Distinct(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false);
        return [.. results.Select(r => published.TryGetValue(r.Run, out var entry) ? r with { Bundle = entry.Reference, BundleDigest = entry.Digest } : r)];
    }

    /// <summary>
    /// The rankings a query's results are fused from, each best first: per model's collection, by vector and by words
    /// (hybrid), or by one of them. The bench ranks these itself to compare weights without searching again.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<VectorHit>>> CandidatesAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Validate() is { Count: > 0 } errors)
            throw new ArgumentException(string.Join("; ", errors), nameof(query));
        // Windows of one long definition are separate chunks: ask for more and keep each definition's best window.
        var want = query.K * 3;
        var depth = query.Mode == SearchMode.Hybrid ? Math.Max(50, 5 * want) : want;
        var rankings = new List<IReadOnlyList<VectorHit>>();
        foreach (var spec in new[] { EmbeddingModels.Select(options, ContentKind.Code), EmbeddingModels.Select(options, ContentKind.Docs) }
                     .DistinctBy(s => s.ModelId).Select(s => s.Spec))
        {
            var collection = ChunkCollections.For(EmbeddingModels.IdOf(spec));
            if (query.Mode != SearchMode.Text)
            {
                // The keyword search starts before the query is embedded and runs beside it (a store may answer
                // synchronously, hence the thread pool): in a fresh process the model's load and the collection's load
                // overlap instead of adding up.
                var byWords = query.Mode == SearchMode.Hybrid
                    ? Task.Run(() => store.SearchTextAsync(collection, query.Text, depth, query.Filter, cancellationToken), cancellationToken)
                    : null;
                var vector = await EmbedAsync(spec, query.Text, cancellationToken).ConfigureAwait(false);
                rankings.Add(await store.SearchAsync(collection, vector, depth, query.Filter, cancellationToken).ConfigureAwait(false));
                if (byWords is not null)
                    rankings.Add(await byWords.ConfigureAwait(false));
            }
            else
                rankings.Add(await store.SearchTextAsync(collection, query.Text, depth, query.Filter, cancellationToken).ConfigureAwait(false));
        }
        return rankings;
    }

    /// <summary>Ranked hits as results: a definition split into windows appears once, at its best window.</summary>
    public static IReadOnlyList<SearchResult> Results(SearchQuery query, IReadOnlyList<VectorHit> hits) =>
        hits.DistinctBy(h => (h.Metadata.Source, h.Metadata.Path, h.Metadata.Symbol, h.Metadata.Kind)).Take(query.K).Select((h, i) => new SearchResult(i + 1, h.Score, h.Metadata.Path, h.Metadata.Symbol, h.Metadata.Kind,
            h.Metadata.Language, h.Metadata.StartLine, h.Metadata.EndLine, Snippet(h.Text), h.Metadata.Source, h.Metadata.Run,
            h.Metadata.Model, h.Id, h.Metadata.Scope)).ToList();

    private async Task<ReadOnlyMemory<float>> EmbedAsync(EmbeddingModelSpec spec, string text, CancellationToken cancellationToken)
    {
        var generated = await models.Get(spec).Generator.GenerateAsync([text], cancellationToken: cancellationToken).ConfigureAwait(false);
        return generated[0].Vector;
    }

    // The first line of a chunk is its header (path, symbol, signature), which the result already shows.
    private static string Snippet(string text)
    {
        var lines = text.Split('\n');
        return string.Join('\n', lines.Skip(lines.Length > 1 ? 1 : 0).Take(SnippetLines)).TrimEnd();
    }
}
