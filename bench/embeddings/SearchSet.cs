using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Noa.Abstractions;
using Noa.Embeddings.Models;
using Noa.Embeddings.Search;
using Noa.Vectors.Embedded;

namespace Noa.Bench.Embeddings;

/// <summary>
/// Search ranking on real repositories (bench/search.sh): the hand-written queries of bench/search/queries, asked through
/// <see cref="ChunkSearch"/> against what <c>noa digest</c> stored, each answered by a file and a definition. Candidates are
/// fetched once per query; each ranking variant ranks the same candidates, so variants differ only in ranking. The
/// weights were chosen on the tuning half; the held-out half is what the table reports as the result.
/// </summary>
internal static class SearchSet
{
    private const int K = 10;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record QueryFile(string About, List<Question> Queries);

    internal sealed record Question(string Repo, string Query, string Path, List<string> Symbols);

    private sealed record Score(string Variant, string Set, int Queries, int Top1, int Top10, double ReciprocalRanks, int Missing)
    {
        public string Cells => Queries == 0 ? "— | — | —" : $"{(double)Top1 / Queries:F3} | {ReciprocalRanks / Queries:F3} | {(double)Top10 / Queries:F3}";
    }

    public static async Task<int> RunAsync(string folder, string home, IReadOnlyDictionary<string, string> sources, string command, string doc)
    {
        var started = DateTime.UtcNow;
        var loadBefore = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        var sets = new[] { "tuning", "held-out" }.ToDictionary(s => s, s =>
            JsonSerializer.Deserialize<QueryFile>(File.ReadAllText(Path.Combine(folder, "queries", s + ".json")), Json)!.Queries);
        using var store = EmbeddedVectorStore.Open(Path.Combine(home, "vectors"));
        using var models = new EmbeddingModelCache();
        var search = new ChunkSearch(store, new EmbeddingOptions(), models);
        var variants = Variants();
        var scores = new List<Score>();
        var misses = new List<string>();
        var chunks = 0;
        foreach (var (set, questions) in sets)
        {
            var perVariant = variants.ToDictionary(v => v.Name, _ => (Top1: 0, Top10: 0, Rr: 0.0));
            var missing = 0;
            foreach (var q in questions)
            {
                if (!sources.TryGetValue(q.Repo, out var source))
                    throw new InvalidOperationException($"no source given for repository '{q.Repo}' (--source {q.Repo}=KEY)");
                var query = new SearchQuery(q.Query, K, SearchMode.Hybrid, new VectorFilter { Source = source });
                var candidates = await search.CandidatesAsync(query);
                if (!candidates.SelectMany(c => c).Any(h => Answers(q, h.Metadata)) && !await InIndexAsync(store, source, q))
                {
                    missing++;
                    misses.Add($"{set}: {q.Repo}: \"{q.Query}\" → {q.Path} {string.Join("|", q.Symbols)}: no chunk of the answer in the index");
                }
                foreach (var v in variants)
                {
                    var results = ChunkSearch.Results(query, SearchRanking.Rank(candidates, q.Query, K * 3, v.Weights));
                    var rank = results.Select((r, i) => (r, i)).FirstOrDefault(x => Answers(q, x.r.Path, x.r.Symbol), (null!, -1)).Item2;
                    var s = perVariant[v.Name];
                    perVariant[v.Name] = rank < 0 ? s : (s.Top1 + (rank == 0 ? 1 : 0), s.Top10 + 1, s.Rr + 1.0 / (rank + 1));
                    if (v == variants[^1] && rank != 0)
                        misses.Add($"{set}: {q.Repo}: \"{q.Query}\" → {q.Path} {string.Join("|", q.Symbols)}: rank {(rank < 0 ? "> 10" : rank + 1)}; first: {results.FirstOrDefault()?.Path} {results.FirstOrDefault()?.Symbol}");
                }
            }
            scores.AddRange(variants.Select(v => new Score(v.Name, set, questions.Count, perVariant[v.Name].Top1, perVariant[v.Name].Top10, perVariant[v.Name].Rr, missing)));
        }
        foreach (var source in sources.Values.Distinct())
            chunks += (await store.ListHashesAsync(ChunkCollections.For(EmbeddingModels.IdOf(EmbeddingModelSpec.Default)), new VectorFilter { Source = source })).Count;
        var latency = await LatencyAsync(search, sets.Values.SelectMany(q => q).ToList(), sources);

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"{started:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores shared with other jobs, load average before: {string.Join(' ', loadBefore)}. Command: `{command}`.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{sets.Values.Sum(s => s.Count)} queries written by reading {sources.Count} repositories at the commits of `bench/search/repos.tsv` (6 real applications and tools in Python, JavaScript, Rust, Java, Go, C#, and part of this repository), each answered by one definition in one file; written and split into halves (`bench/search/queries/tuning.json`, `held-out.json`) before any ranking change. Each repository digested whole by `noa digest --only embeddings` ({chunks} chunks in all: code by definition, file chunks, README and docs sections, tests, examples, config, with their files.json scope) and searched as `noa search --source REPO` does (hybrid, k = {K}, one result per definition); a hit is a result in the answer's file whose symbol's last segment is one of the answer's names. Every variant ranks the same candidates; the shipped weights were chosen on the tuning columns (see `RankingWeights`), the held-out columns are the result.");
        md.AppendLine();
        md.AppendLine("| ranking | tuning recall@1 | tuning MRR | tuning recall@10 | **held-out recall@1** | **held-out MRR** | **held-out recall@10** |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var v in variants)
            md.AppendLine(CultureInfo.InvariantCulture, $"| {v.Name} | {scores.Single(s => s.Variant == v.Name && s.Set == "tuning").Cells} | {scores.Single(s => s.Variant == v.Name && s.Set == "held-out").Cells} |");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Queries whose answer has no chunk in the index: {string.Join(", ", scores.Where(s => s.Variant == variants[0].Name).Select(s => $"{s.Set} {s.Missing}"))} (counted as misses). Queries not answered first by the shipped ranking:");
        md.AppendLine();
        foreach (var miss in misses.Distinct())
            md.AppendLine(CultureInfo.InvariantCulture, $"- {miss}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"In-process search latency (query embedding + both searches + ranking, warm model and index, {latency.Count} queries): p50 {Percentile(latency, 0.5):F1} ms, p99 {Percentile(latency, 0.99):F1} ms.");
        Console.Write(md);
        if (doc.Length > 0)
            DocSection.Rewrite(doc, "<!-- bench:search:begin -->", "<!-- bench:search:end -->", "## Search ranking on real repositories (held-out queries)", md.ToString());
        return 0;
    }

    /// <summary>The rankings compared: the baseline, each part alone, and the shipped default last.</summary>
    private static List<(string Name, RankingWeights Weights)> Variants()
    {
        var plain = RankingWeights.Unweighted;
        var d = RankingWeights.Default;
        return
        [
            ("before: vector + keyword RRF, no priors", plain),
            ("+ symbol-name ranking only", plain with { SymbolMatch = 1 }),
            ("+ priors (test/docs 0.5, example 0.75, non-definition 0.75) + symbol-name ranking", d with { SymbolMatch = 1 }),
            ("+ priors (test/docs 0.5, example 0.75, non-definition 0.75) + symbol-name ranking × 0.5", d with { SymbolMatch = 0.5 }),
            ("+ priors: test/docs 0.25, non-definition 0.75", d with { Test = 0.25, Documentation = 0.25, Generated = 0.25 }),
            ("+ priors: test/docs 0.75, non-definition 0.75", d with { Test = 0.75, Documentation = 0.75, Generated = 0.75 }),
            ("+ priors: test/docs 0.5, non-definition 0.5", d with { NonDefinition = 0.5 }),
            ("+ priors: test/docs 0.5, non-definition 1 (scope only)", d with { NonDefinition = 1 }),
            ("+ priors: test/docs 1, non-definition 0.75 (kind only)", d with { Test = 1, Documentation = 1, Example = 1, Generated = 1 }),
            ("shipped default (RankingWeights.Default)", d),
        ];
    }

    private static bool Answers(Question q, ChunkMetadata m) => Answers(q, m.Path, m.Symbol);

    private static bool Answers(Question q, string path, string symbol)
    {
        if (path != q.Path)
            return false;
        var at = symbol.LastIndexOfAny(['.', ':', '/', '#']);
        var name = at >= 0 && at < symbol.Length - 1 ? symbol[(at + 1)..] : symbol;
        return q.Symbols.Contains(name, StringComparer.Ordinal);
    }

    private static async Task<bool> InIndexAsync(IVectorStore store, string source, Question q)
    {
        var collection = ChunkCollections.For(EmbeddingModels.IdOf(EmbeddingModelSpec.Default));
        var ids = (await store.ListHashesAsync(collection, new VectorFilter { Source = source, PathPrefix = q.Path })).Select(s => s.Id).ToList();
        return (await store.GetAsync(collection, ids)).Any(r => Answers(q, r.Metadata));
    }

    private static async Task<List<double>> LatencyAsync(ChunkSearch search, List<Question> questions, IReadOnlyDictionary<string, string> sources)
    {
        var times = new List<double>();
        foreach (var q in questions)
        {
            var clock = Stopwatch.StartNew();
            await search.SearchAsync(new SearchQuery(q.Query, K, SearchMode.Hybrid, new VectorFilter { Source = sources[q.Repo] }));
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
