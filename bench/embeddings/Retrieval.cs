using Noa.Abstractions;

namespace Noa.Bench.Embeddings;

/// <summary>Recall@k and MRR@k of keyword, vector and hybrid search over one language's pool.</summary>
internal static class Retrieval
{
    public const int K = 10;

    /// <summary>A way to search: store, collection, query vector, query text → hits.</summary>
    public sealed record Mode(string Name, Func<IVectorStore, string, float[], string, Task<IReadOnlyList<VectorHit>>> Search);

    public sealed record Score(string Language, string Mode, int Queries, int Found, double ReciprocalRanks)
    {
        public double Recall => Queries == 0 ? 0 : (double)Found / Queries;
        public double Mrr => Queries == 0 ? 0 : ReciprocalRanks / Queries;
    }

    public static Mode Keywords { get; } = new("BM25", (s, c, _, q) => s.SearchTextAsync(c, q, K));
    public static Mode Vectors { get; } = new("vectors", (s, c, v, _) => s.SearchAsync(c, v, K));
    public static Mode Hybrid { get; } = new("hybrid", (s, c, v, q) => s.HybridSearchAsync(c, v, q, K));

    /// <summary>Hybrid with another candidate depth per side and RRF constant (fused here, as HybridSearchAsync does).</summary>
    public static Mode HybridWith(int candidates, int rrfK) => new($"hybrid ({candidates} candidates, RRF k={rrfK})", async (s, c, v, q) =>
        ReciprocalRankFusion.Fuse([await s.SearchAsync(c, v, candidates), await s.SearchTextAsync(c, q, candidates)], K, rrfK));

    /// <summary>Hybrid with the vector ranking counted <paramref name="weight"/> times in the fusion (RRF over repeated lists).</summary>
    public static Mode HybridWeighted(int candidates, int rrfK, int weight) => new($"hybrid, vector ranking weighted {weight}:1 ({candidates} candidates, RRF k={rrfK})", async (s, c, v, q) =>
    {
        var byVector = await s.SearchAsync(c, v, candidates);
        return ReciprocalRankFusion.Fuse([.. Enumerable.Repeat(byVector, weight), await s.SearchTextAsync(c, q, candidates)], K, rrfK);
    });

    /// <summary>Hybrid as <c>noa search</c> answers: 3×k fused hits, one per definition (the best of its windows).</summary>
    public static Mode HybridPerDefinition { get; } = new("hybrid, one result per definition (as noa search)", async (s, c, v, q) =>
        [.. (await s.HybridSearchAsync(c, v, q, 3 * K, candidates: Math.Max(50, 15 * K)))
            .DistinctBy(h => (h.Metadata.Path, h.Metadata.Symbol, h.Metadata.Kind)).Take(K)]);

    /// <summary>Hybrid with file-level chunks (a file's lines outside its definitions, with their outlines) left out.</summary>
    public static Mode HybridWithoutFileChunks { get; } = new("hybrid, file chunks left out", async (s, c, v, q) =>
        [.. (await s.HybridSearchAsync(c, v, q, 3 * K, candidates: Math.Max(50, 15 * K))).Where(h => h.Metadata.Kind != "file").Take(K)]);

    public static async Task IndexAsync(IVectorStore store, string collection, LanguageSet set, IReadOnlyList<float[]> vectors, Func<string, string> text)
    {
        var records = set.Chunks.Select((c, i) => new VectorRecord(c.RecordId, vectors[i], text(c.Chunk.Text), new ChunkMetadata
        {
            Language = c.Chunk.Language, Path = c.Chunk.Path, Kind = c.Chunk.Kind, Symbol = c.Chunk.Symbol,
            StartLine = c.Chunk.StartLine, EndLine = c.Chunk.EndLine, ContentHash = c.Chunk.ContentHash, Model = "minilm",
        })).ToList();
        foreach (var batch in records.Chunk(1000))
            await store.UpsertAsync(collection, batch);
    }

    /// <summary>Scores one mode; a query is answered when any chunk of its function is in the top k.</summary>
    public static async Task<Score> EvaluateAsync(IVectorStore store, string collection, LanguageSet set, IReadOnlyList<float[]> queryVectors,
        Func<string, string> queryText, Mode mode)
    {
        var owner = set.Chunks.ToDictionary(c => c.RecordId, c => c.FunctionKey);
        var found = 0;
        var reciprocal = 0.0;
        for (var i = 0; i < set.Queries.Count; i++)
        {
            var hits = await mode.Search(store, collection, queryVectors[i], queryText(set.Queries[i].Text));
            var rank = hits.Select((h, r) => (h, r)).FirstOrDefault(x => owner.GetValueOrDefault(x.h.Id) == set.Queries[i].Answer.Key, (null!, -1)).Item2;
            if (rank < 0)
                continue;
            found++;
            reciprocal += 1.0 / (rank + 1);
        }
        return new Score(set.Name, mode.Name, set.Queries.Count, found, reciprocal);
    }
}
