// Embeddings benchmark: MiniLM throughput on real code chunks (single-thread baseline vs batching variants) and
// CodeSearchNet-style retrieval quality (doc sentence → function, docs stripped from the index) of BM25, vectors and
// hybrid search in the embedded vector store.
// Usage: Noa.Bench.Embeddings --target NAME:LANGS:KG=ROOT[,KG=ROOT...] ... [--queries 120] [--pool 2500] [--seed 42]
//          [--throughput 400] [--runs 1] [--variants all|quick] [--no-throughput] [--no-retrieval]
//          [--cache FILE] [--doc docs/benchmarks.md] [--command TEXT] [--dump DIR: queries with their answers' chunks]
//        Noa.Bench.Embeddings --search bench/search --home NOA_HOME --source NAME=KEY ... [--doc FILE] [--command TEXT]: search ranking (bench/search.sh)
//        Noa.Bench.Embeddings --texts FILE [--runs N]: chunks/s of the default model on the JSON strings of FILE (bench/speed.sh)
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Noa.Bench.Embeddings;
using Noa.Embeddings.Models;
using Noa.Vectors.Embedded;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string Opt(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
bool Flag(string name) => args.Contains(name);
if (Opt("--texts", "") is { Length: > 0 } textFile)
{
    // The model alone on given texts (one JSON string a line), as the Embeddings stage configures it: best chunks/s of
    // --runs after a warm-up; bench/speed.sh compares it with the stage's own rate on the same chunks.
    var given = File.ReadLines(textFile).Select(l => System.Text.Json.JsonSerializer.Deserialize<string>(l)!).ToList();
    using var generator = EmbeddingModels.Create(EmbeddingModelSpec.Default).Generator;
    await generator.GenerateAsync(given.Take(8));
    var best = 0.0;
    for (var r = 0; r < Math.Max(1, int.Parse(Opt("--runs", "1"))); r++)
    {
        var clock = Stopwatch.StartNew();
        await generator.GenerateAsync(given);
        best = Math.Max(best, given.Count / clock.Elapsed.TotalSeconds);
    }
    Console.WriteLine(best.ToString("F1", CultureInfo.InvariantCulture));
    return 0;
}
if (Opt("--search", "") is { Length: > 0 } searchFolder)
{
    // Search ranking on real repositories: --search bench/search --home NOA_HOME --source NAME=KEY ... (bench/search.sh)
    var sources = args.Select((a, i) => (a, i)).Where(x => x.a == "--source" && x.i + 1 < args.Length)
        .Select(x => args[x.i + 1].Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    return await SearchSet.RunAsync(searchFolder, Opt("--home", ""), sources, Opt("--command", "bench/search.sh"), Opt("--doc", ""));
}
var targets = args.Select((a, i) => (a, i)).Where(x => x.a == "--target" && x.i + 1 < args.Length).Select(x => ParseTarget(args[x.i + 1])).ToList();
var queries = int.Parse(Opt("--queries", "120"));
var poolSize = int.Parse(Opt("--pool", "2500"));
var seed = int.Parse(Opt("--seed", "42"));
var throughputCount = int.Parse(Opt("--throughput", "400"));
var runs = int.Parse(Opt("--runs", "1"));
var doc = Opt("--doc", "");
var command = Opt("--command", "bench/embeddings.sh");
var cacheFile = Opt("--cache", ".cache/bench/embeddings/vectors-minilm.bin");
var loadBefore = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
var started = DateTime.UtcNow;
var total = Stopwatch.StartNew();

Console.Error.WriteLine($"building query sets (seed {seed}, {queries} queries, pool {poolSize} functions per language)");
var sets = new List<LanguageSet>();
foreach (var (target, i) in targets.Select((t, i) => (t, i)))
{
    var set = await CodeCorpus.BuildAsync(target, queries, poolSize, seed + i);
    sets.Add(set);
    Console.Error.WriteLine($"  {set.Name}: {set.PoolFunctions} functions, {set.Chunks.Count} chunks, {set.Queries.Count} queries " +
        $"(of {set.Candidates} candidates; {set.DroppedForLeaks} dropped: doc text still in the code)");
}
if (Opt("--dump", "") is { Length: > 0 } dump)
{
    // each query with the chunks of its answer, as indexed: to check by eye that no doc is left
    Directory.CreateDirectory(dump);
    foreach (var set in sets)
        File.WriteAllLines(Path.Combine(dump, set.Name + ".txt"), set.Queries.SelectMany(q =>
            new[] { $"### {q.Text}  [{q.Answer.Key}]" }.Concat(set.Chunks.Where(c => c.FunctionKey == q.Answer.Key).Select(c => c.Chunk.Text)).Append("")));
}
var leaks = sets.Sum(s => s.Queries.Count(q => CodeCorpus.Leaks(q, s.Chunks.Where(c => c.FunctionKey == q.Answer.Key))));
if (leaks > 0)
    throw new InvalidOperationException($"{leaks} queries still find their doc in the indexed text");

var md = new StringBuilder();
md.AppendLine($"{started:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores ({Cpu()}) shared with other jobs, load average before: {string.Join(' ', loadBefore)}. Command: `{command}`.");
md.AppendLine();

if (!Flag("--no-throughput"))
{
    var random = new Random(seed);
    var perSet = throughputCount / 2;
    var texts = sets.Where(s => s.Name is "python" or "go").SelectMany(s => s.Chunks.OrderBy(_ => random.Next()).Take(perSet)).Select(c => c.Chunk.Text).ToList();
    var tokens = texts.Select(t => Math.Min(256, Noa.Embeddings.Tokens.MiniLmTokenCounter.Shared.CountWords(t) + 2)).ToList();
    Console.Error.WriteLine($"throughput: {texts.Count} chunks, mean {tokens.Average():F0} tokens");
    var variants = Opt("--variants", "all") == "quick"
        ? Throughput.Variants.Where(v => v.Name.Contains("baseline") || v.Name.Contains("default") || v.Name.Contains("Int8")).ToList()
        : Throughput.Variants;
    var results = await Throughput.MeasureAsync(texts, variants, runs);
    var shortTexts = sets.SelectMany(s => s.Queries).Select(q => q.Text).Take(throughputCount).ToList();
    var shortTokens = shortTexts.Select(t => Noa.Embeddings.Tokens.MiniLmTokenCounter.Shared.CountWords(t) + 2).ToList();
    Console.Error.WriteLine($"throughput: {shortTexts.Count} queries, mean {shortTokens.Average():F0} tokens");
    var shortResults = variants == Throughput.Variants ? await Throughput.MeasureAsync(shortTexts, Throughput.ShortVariants, runs) : [];
    var baseline = results[0];
    md.AppendLine($"**Throughput**: {texts.Count} real code chunks ({perSet} each from the Python and Go pools below, seeded sample; mean {tokens.Average():F0} tokens, median {tokens.Order().ElementAt(tokens.Count / 2)}, max {tokens.Max()}), all-MiniLM-L6-v2 (fp32: the package's ONNX; int8: its weight MatMuls quantized when loaded), variants round-robin, best of {runs} run(s) each after a warm-up call. Chunks per CPU second counts the process's user + system time in the kept run.");
    md.AppendLine();
    md.AppendLine("| configuration | chunks/s | × baseline | chunks per CPU s | min cosine to baseline |");
    md.AppendLine("|---|---|---|---|---|");
    foreach (var r in results)
        md.AppendLine($"| {r.Variant.Name} | {r.PerSecond:F1} | {r.PerSecond / baseline.PerSecond:F2}× | {r.PerCpuSecond:F1} | {r.MinCosine:F4} |");
    if (shortResults.Count > 0)
    {
        md.AppendLine();
        md.AppendLine($"Short inputs: the {shortTexts.Count} query sentences below (mean {shortTokens.Average():F0} tokens, max {shortTokens.Max()}).");
        md.AppendLine();
        md.AppendLine("| configuration | inputs/s | × baseline | inputs per CPU s |");
        md.AppendLine("|---|---|---|---|");
        foreach (var r in shortResults)
            md.AppendLine($"| {r.Variant.Name} | {r.PerSecond:F1} | {r.PerSecond / shortResults[0].PerSecond:F2}× | {r.PerCpuSecond:F1} |");
    }
    md.AppendLine();
}

if (!Flag("--no-retrieval"))
{
    // As shipped: the default model (Int8) and store; Float32 as a variant.
    var cache = new VectorCache(Path.ChangeExtension(cacheFile, null) + "-int8.bin", MiniLmEmbeddingGenerator.Dimensions);
    var cacheFp32 = new VectorCache(cacheFile, MiniLmEmbeddingGenerator.Dimensions);
    using var model = EmbeddingModels.Create(EmbeddingModelSpec.Default).Generator;
    using var modelFp32 = EmbeddingModels.Create(EmbeddingModelSpec.Default with { Precision = EmbeddingPrecision.Float32 }).Generator;
    var folder = Directory.CreateTempSubdirectory("noa-bench-embeddings-").FullName;
    var scores = new List<Retrieval.Score>();
    var extra = new List<Retrieval.Score>();
    Retrieval.Mode[] modes = [Retrieval.Keywords, Retrieval.Vectors, Retrieval.Hybrid];
    Retrieval.Mode[] variantsOfHybrid = [Retrieval.HybridWith(100, 60), Retrieval.HybridWith(50, 10), Retrieval.HybridWith(50, 20), Retrieval.HybridWith(50, 120), Retrieval.HybridWeighted(50, 60, 2),
        Retrieval.HybridPerDefinition, Retrieval.HybridWithoutFileChunks];
    var embedClock = Stopwatch.StartNew();
    try
    {
        using var store = EmbeddedVectorStore.Open(folder);
        foreach (var set in sets)
        {
            var vectors = await cache.GetAsync([.. set.Chunks.Select(c => c.Chunk.Text)], model, $"{set.Name} chunks");
            var queryVectors = await cache.GetAsync([.. set.Queries.Select(q => q.Text)], model, $"{set.Name} queries");
            await Retrieval.IndexAsync(store, Collection(set.Name), set, vectors, t => t);
            foreach (var mode in modes)
                scores.Add(await Retrieval.EvaluateAsync(store, Collection(set.Name), set, queryVectors, q => q, mode));
            foreach (var mode in variantsOfHybrid)
                extra.Add(await Retrieval.EvaluateAsync(store, Collection(set.Name), set, queryVectors, q => q, mode));
            var vectorsFp32 = await cacheFp32.GetAsync([.. set.Chunks.Select(c => c.Chunk.Text)], modelFp32, $"{set.Name} chunks (fp32)");
            var queryVectorsFp32 = await cacheFp32.GetAsync([.. set.Queries.Select(q => q.Text)], modelFp32, $"{set.Name} queries (fp32)");
            await Retrieval.IndexAsync(store, Collection(set.Name) + "_fp32", set, vectorsFp32, t => t);
            foreach (var mode in new[] { Retrieval.Vectors, Retrieval.Hybrid })
                extra.Add(await Retrieval.EvaluateAsync(store, Collection(set.Name) + "_fp32", set, queryVectorsFp32, q => q, mode with { Name = mode.Name + ", fp32 model" }));
            Console.Error.WriteLine($"  {set.Name}: " + string.Join(", ", scores.Where(s => s.Language == set.Name).Select(s => $"{s.Mode} {s.Recall:F3}/{s.Mrr:F3}")));
        }
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
    md.AppendLine($"**Retrieval**, CodeSearchNet style: a query is the first sentence of a function's doc comment or docstring (≥ 5 words, the function ≥ 3 lines, the sentence unique in its language), seeded choice (seed {seed}); the pool per language is the answers plus random other functions of the same corpus, tests, `.d.ts`, minified and `dist/` files left out, copies (same code) once. Every doc comment and docstring in the pool's files is blanked and dropped from kg.json before `Chunker.FromGraphAsync`, and the bench stops if any answer's chunks still hold its query sentence or eight words in a row of its doc. Embedded with the default model (all-MiniLM-L6-v2, Int8) and indexed in `EmbeddedVectorStore` as shipped (keyword text: the chunk text plus the parts of its camelCase identifiers, `KeywordQuery.IndexText`; common English words left out of queries), one collection per language; a hit is any chunk of the answer function in the top {Retrieval.K}; MRR@{Retrieval.K}. Hybrid = `HybridSearchAsync` as shipped (RRF k = 60, 50 candidates from each side).");
    md.AppendLine();
    md.AppendLine($"| language | corpus | pool functions | chunks | queries | BM25 recall@10 | BM25 MRR | vectors recall@10 | vectors MRR | hybrid recall@10 | hybrid MRR |");
    md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
    foreach (var set in sets)
        md.AppendLine($"| {set.Name} | {Describe(targets.First(t => t.Name == set.Name))} | {set.PoolFunctions} | {set.Chunks.Count} | {set.Queries.Count} | {Cells(scores, set.Name)} |");
    md.AppendLine($"| **all** | | {sets.Sum(s => s.PoolFunctions)} | {sets.Sum(s => s.Chunks.Count)} | {sets.Sum(s => s.Queries.Count)} | {Cells(scores, null)} |");
    md.AppendLine();
    md.AppendLine("Variants (same pools and queries; recall@10 / MRR@10):");
    md.AppendLine();
    md.AppendLine($"| mode | {string.Join(" | ", sets.Select(s => s.Name))} | all |");
    md.AppendLine($"|---|{string.Concat(sets.Select(_ => "---|"))}---|");
    foreach (var mode in scores.Concat(extra).Select(s => s.Mode).Distinct())
        md.AppendLine($"| {mode} | {string.Join(" | ", sets.Select(s => Pair(scores.Concat(extra).Where(x => x.Mode == mode && x.Language == s.Name))))} | {Pair(scores.Concat(extra).Where(x => x.Mode == mode))} |");
    md.AppendLine();
    md.AppendLine($"Embedding the pools and queries (fp32 and int8) took {embedClock.Elapsed.TotalSeconds:F0} s ({cache.Count} + {cacheFp32.Count} vectors now cached beside `{Path.GetRelativePath(Environment.CurrentDirectory, cacheFile)}`; a rerun embeds only new texts).");
}
md.AppendLine();
md.AppendLine($"Whole run: {total.Elapsed.TotalMinutes:F1} min; load average after: {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3])}.");
Console.Write(md);
if (doc.Length > 0)
    DocSection.Rewrite(doc, "<!-- bench:embeddings:begin -->", "<!-- bench:embeddings:end -->", "## Embeddings: throughput and retrieval quality", md.ToString());
return 0;

// collection names are letters, digits and underscores
static string Collection(string name) => name.Replace('-', '_');

static Target ParseTarget(string value)
{
    var fields = value.Split(':', 3);
    var parts = fields[2].Split(',').Select(p => p.Split('=', 2)).Select(p => (p[0], p[1])).ToList();
    return new Target(fields[0], fields[1].Split('+'), parts);
}

static string Describe(Target t) => string.Join(" + ", t.Parts.Select(p => $"`{Relative(p.Root)}`"));

static string Relative(string root)
{
    var at = root.IndexOf("corpora/", StringComparison.Ordinal);
    return at >= 0 ? root[(at + 8)..] : root;
}

static string Cells(List<Retrieval.Score> scores, string? language)
{
    var mine = scores.Where(s => language is null || s.Language == language).ToList();
    return string.Join(" | ", new[] { "BM25", "vectors", "hybrid" }.Select(m => mine.Where(s => s.Mode == m).ToList())
        .Select(s => $"{(double)s.Sum(x => x.Found) / s.Sum(x => x.Queries):F3} | {s.Sum(x => x.ReciprocalRanks) / s.Sum(x => x.Queries):F3}"));
}

static string Pair(IEnumerable<Retrieval.Score> scores)
{
    var s = scores.ToList();
    var n = s.Sum(x => x.Queries);
    return n == 0 ? "—" : $"{(double)s.Sum(x => x.Found) / n:F3} / {s.Sum(x => x.ReciprocalRanks) / n:F3}";
}

static string Cpu() => File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
