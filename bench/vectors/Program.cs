using System.Diagnostics;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Vectors.Embedded;
using Noa.Vectors.Postgres;
using Npgsql;

// Query latency and recall@10 of the embedded exact index and pgvector HNSW on random unit vectors.
// Usage: dotnet run -c Release -- [count=10000] [queries=200] [dimensions=384] [ef=40,100 | none: embedded only] [uniform|clustered]
//    or: dotnet run -c Release -- hybrid ... (load time and vector, keyword and hybrid latency on code texts: see HybridBench)
// Uniform random vectors have no structure: the hardest case for HNSW, so their recall is a floor. "clustered"
// draws vectors (and queries) around 1,000 random centres, closer to how embeddings of code bunch together.
if (args.Length > 0 && args[0] == "hybrid")
{
    await HybridBench.RunAsync(args[1..]);
    return;
}
var count = args.Length > 0 ? int.Parse(args[0]) : 10_000;
var queries = args.Length > 1 ? int.Parse(args[1]) : 200;
var dimensions = args.Length > 2 ? int.Parse(args[2]) : 384;
var efArgument = args.Length > 3 ? args[3] : "40,100";
int[] efs = efArgument == "none" ? [] : efArgument.Split(',').Select(int.Parse).ToArray();
var clustered = args.Length > 4 && args[4] == "clustered";
var server = Environment.GetEnvironmentVariable("NOA_TEST_POSTGRES") is { Length: > 0 } s ? s : "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres";

var random = new Random(42);
var centres = Enumerable.Range(0, 1000).Select(_ => RandomVectors.Unit(random, dimensions)).ToArray();
float[] Draw() => clustered ? RandomVectors.Near(random, centres[random.Next(centres.Length)], 0.75f) : RandomVectors.Unit(random, dimensions);
var records = Enumerable.Range(0, count).Select(i => new VectorRecord($"c{i}", Draw(), $"chunk {i} word{i % 1000}", new ChunkMetadata { Path = $"src/f{i % 100}.py", ContentHash = $"h{i}", Model = "random" })).ToList();
var probes = Enumerable.Range(0, queries).Select(_ => Draw()).ToList();
Console.WriteLine($"{count} x {dimensions} {(clustered ? "clustered" : "uniform")} random unit vectors, {queries} queries, k=10, {Environment.ProcessorCount} cores");

var folder = Path.Combine(Path.GetTempPath(), $"noa-bench-vectors-{Guid.NewGuid():N}");
List<HashSet<string>> truth;
using (var embedded = EmbeddedVectorStore.Open(folder))
{
    var load = Stopwatch.StartNew();
    foreach (var batch in records.Chunk(1000))
        await embedded.UpsertAsync("bench", batch);
    Console.WriteLine($"embedded upsert: {load.Elapsed.TotalSeconds:F1} s");
    (truth, var latencies) = await MeasureAsync(embedded, probes);
    Report("embedded exact", latencies, 1.0);
}
var reopen = Stopwatch.StartNew();
using (var embedded = EmbeddedVectorStore.Open(folder))
{
    await embedded.SearchAsync("bench", probes[0], 10);
    Console.WriteLine($"embedded reopen from snapshot + first query: {reopen.Elapsed.TotalSeconds:F2} s");
}
Directory.Delete(folder, recursive: true);

if (efs.Length == 0)
    return;
var schema = $"noa_bench_{Guid.NewGuid():N}";
await PostgresAdmin.ExecuteAsync(server, $"CREATE SCHEMA {schema}");
try
{
    var connection = new NpgsqlConnectionStringBuilder(server) { SearchPath = $"{schema},public" }.ToString();
    await using (var pg = new PostgresVectorStore(Options.Create(new PostgresVectorSettings { ConnectionString = connection })))
    {
        var load = Stopwatch.StartNew();
        foreach (var batch in records.Chunk(1000))
            await pg.UpsertAsync("bench", batch);
        Console.WriteLine($"pgvector upsert (COPY in batches of 1,000, HNSW maintained): {load.Elapsed.TotalSeconds:F1} s");
    }
    foreach (var ef in efs)
    {
        await using var pg = new PostgresVectorStore(Options.Create(new PostgresVectorSettings { ConnectionString = connection, EfSearch = ef }));
        var (found, latencies) = await MeasureAsync(pg, probes);
        Report($"pgvector hnsw ef_search={ef}", latencies, found.Zip(truth, (f, t) => f.Count(t.Contains) / 10.0).Average());
    }
}
finally
{
    await PostgresAdmin.ExecuteAsync(server, $"DROP SCHEMA {schema} CASCADE");
}

static async Task<(List<HashSet<string>> Found, List<double> Milliseconds)> MeasureAsync(IVectorStore store, List<float[]> probes)
{
    var found = new List<HashSet<string>>();
    var milliseconds = await Latency.MeasureAsync(probes.Count, i => store.SearchAsync("bench", probes[i], 10), (_, hits) => found.Add(hits.Select(h => h.Id).ToHashSet()));
    return (found, milliseconds);
}

static void Report(string name, List<double> milliseconds, double recall) =>
    Console.WriteLine($"{name}: {Latency.Summary(milliseconds)}, recall@10 {recall:F3}");
