using Microsoft.Extensions.AI;
using Noa.Abstractions;
using Noa.Embeddings.Models;

namespace Noa.Embeddings.Search;

/// <summary>
/// Searches what the Embeddings stage stored: embeds the query with each configured model (code and docs may differ),
/// searches that model's collection by vector, words or both (reciprocal rank fusion), and fuses the collections when
/// there are two; a definition split into windows appears once, at its best window. What <c>noa search</c> and
/// <c>GET /search</c> answer.
/// </summary>
public sealed class ChunkSearch(IVectorStore store, EmbeddingOptions options, EmbeddingModelCache models)
{
    private const int SnippetLines = 6;

    /// <summary>Runs the query; throws <see cref="ArgumentException"/> naming what is wrong with it.</summary>
    public async Task<IReadOnlyList<SearchResult>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Validate() is { Count: > 0 } errors)
            throw new ArgumentException(string.Join("; ", errors), nameof(query));
        // Windows of one long definition are separate chunks: ask for more and keep each definition's best window.
        var want = query.K * 3;
        var depth = Math.Max(50, 5 * want);
        var perModel = new List<IReadOnlyList<VectorHit>>();
        foreach (var spec in new[] { EmbeddingModels.Select(options, ContentKind.Code), EmbeddingModels.Select(options, ContentKind.Docs) }
                     .DistinctBy(s => s.ModelId).Select(s => s.Spec))
        {
            var collection = ChunkCollections.For(EmbeddingModels.IdOf(spec));
            perModel.Add(query.Mode switch
            {
                SearchMode.Text => await store.SearchTextAsync(collection, query.Text, want, query.Filter, cancellationToken).ConfigureAwait(false),
                SearchMode.Vector => await store.SearchAsync(collection, await EmbedAsync(spec, query.Text, cancellationToken).ConfigureAwait(false),
                    want, query.Filter, cancellationToken).ConfigureAwait(false),
                _ => await store.HybridSearchAsync(collection, await EmbedAsync(spec, query.Text, cancellationToken).ConfigureAwait(false),
                    query.Text, want, query.Filter, depth, cancellationToken).ConfigureAwait(false),
            });
        }
        var hits = perModel.Count == 1 ? perModel[0] : ReciprocalRankFusion.Fuse(perModel, want);
        return hits.DistinctBy(h => (h.Metadata.Source, h.Metadata.Path, h.Metadata.Symbol, h.Metadata.Kind)).Take(query.K).Select((h, i) => new SearchResult(i + 1, h.Score, h.Metadata.Path, h.Metadata.Symbol, h.Metadata.Kind,
            h.Metadata.Language, h.Metadata.StartLine, h.Metadata.EndLine, Snippet(h.Text), h.Metadata.Source, h.Metadata.Run,
            h.Metadata.Model, h.Id)).ToList();
    }

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
