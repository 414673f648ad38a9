using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Vectors.Embedded;
using Noa.Vectors.Postgres;
using Npgsql;

/// <summary>
/// Load time and vector, keyword and hybrid latency at scale on realistic texts: each chunk is 4–12 consecutive non-blank
/// lines of the Python corpus (.cache/corpora/python, windows may overlap), its vector clustered random (no model);
/// each query is 2–3 words (Python keywords left out) of a random chunk, with a vector near that chunk's centre.
/// Usage: hybrid [count=100000] [queries=200] [loads=copy:all] [stores=embedded,pgvector]
/// loads: pgvector loads to time, each MODE:BATCH into a fresh collection (MODE rowwise or copy, BATCH a size or all);
/// the last one is searched.
/// </summary>
internal static partial class HybridBench
{
    private const int Dimensions = 384;
    private const int K = 10;

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "def", "self", "return", "import", "from", "if", "else", "elif", "for", "in", "not", "None", "True", "False", "and", "or",
        "is", "class", "with", "as", "try", "except", "raise", "pass", "while", "lambda", "yield", "cls", "del", "assert",
    };

    public static async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        var queries = args.Length > 1 ? int.Parse(args[1]) : 200;
        var loads = (args.Length > 2 ? args[2] : "copy:all").Split(',').Select(l => l.Split(':')).Select(l => (Mode: l[0], Batch: l[1] == "all" ? count : int.Parse(l[1]))).ToList();
        var stores = (args.Length > 3 ? args[3] : "embedded,pgvector").Split(',');
        var server = Environment.GetEnvironmentVariable("NOA_TEST_POSTGRES") is { Length: > 0 } s ? s : "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres";

        var (records, probes) = Generate(count, queries);
        Console.WriteLine($"{count} chunks ({records.Average(r => r.Text.Length):F0} chars on average) x {Dimensions} clustered vectors, {queries} queries, k={K}, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine($"sample query: \"{probes[0].Words}\"");

        if (stores.Contains("embedded"))
        {
            var folder = Path.Combine(Path.GetTempPath(), $"noa-bench-hybrid-{Guid.NewGuid():N}");
            try
            {
                using var embedded = EmbeddedVectorStore.Open(folder);
                var load = Stopwatch.StartNew();
                foreach (var batch in records.Chunk(1000))
                    await embedded.UpsertAsync("bench", batch);
                Console.WriteLine($"embedded load (batches of 1,000): {load.Elapsed.TotalSeconds:F1} s");
                await SearchAsync("embedded", embedded, "bench", probes);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        if (!stores.Contains("pgvector"))
            return;
        var schema = $"noa_bench_{Guid.NewGuid():N}";
        await PostgresAdmin.ExecuteAsync(server, $"CREATE SCHEMA {schema}");
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(server) { SearchPath = $"{schema},public", CommandTimeout = 0 }.ToString();
            for (var i = 0; i < loads.Count; i++)
            {
                var (mode, size) = loads[i];
                var collection = $"load{i}";
                var settings = new PostgresVectorSettings { ConnectionString = connection };
                if (mode == "rowwise")
                    settings.CopyFrom = int.MaxValue;
                await using var pg = new PostgresVectorStore(Options.Create(settings));
                var load = Stopwatch.StartNew();
                foreach (var batch in records.Chunk(size))
                    await pg.UpsertAsync(collection, batch);
                Console.WriteLine($"pgvector load {mode}, batches of {size:N0}: {load.Elapsed.TotalSeconds:F1} s (load {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
                if (i < loads.Count - 1)
                {
                    await PostgresAdmin.ExecuteAsync(connection, $"DROP TABLE v_{collection}; DELETE FROM vector_collections WHERE name = '{collection}'");
                    continue;
                }
                await SearchAsync("pgvector", pg, collection, probes);
            }
        }
        finally
        {
            await PostgresAdmin.ExecuteAsync(server, $"DROP SCHEMA {schema} CASCADE");
        }
    }

    private static async Task SearchAsync(string name, IVectorStore store, string collection, List<(float[] Vector, string Words)> probes)
    {
        var vector = await Latency.MeasureAsync(probes.Count, i => store.SearchAsync(collection, probes[i].Vector, K));
        var hits = new List<int>();
        var text = await Latency.MeasureAsync(probes.Count, i => store.SearchTextAsync(collection, probes[i].Words, K), (_, h) => hits.Add(h.Count));
        var hybrid = await Latency.MeasureAsync(probes.Count, i => store.HybridSearchAsync(collection, probes[i].Vector, probes[i].Words, K));
        Console.WriteLine($"{name} vector: {Latency.Summary(vector)}");
        Console.WriteLine($"{name} keyword: {Latency.Summary(text)} ({hits.Count(h => h == K)} of {hits.Count} queries filled k)");
        Console.WriteLine($"{name} hybrid: {Latency.Summary(hybrid)}");
        var slowest = text.Select((ms, i) => (ms, i)).OrderByDescending(t => t.ms).Take(3).Select(t => $"\"{probes[t.i].Words}\" {t.ms:F0} ms");
        Console.WriteLine($"{name} slowest keyword queries: {string.Join(", ", slowest)}");
    }

    private static (List<VectorRecord> Records, List<(float[] Vector, string Words)> Probes) Generate(int count, int queries)
    {
        var corpus = Path.Combine(AppContext.BaseDirectory, "../../../../../.cache/corpora/python");
        var lines = Directory.EnumerateFiles(corpus, "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var random = new Random(42);
        var centres = Enumerable.Range(0, 1000).Select(_ => RandomVectors.Unit(random, Dimensions)).ToArray();
        var owners = new int[count];
        var records = new List<VectorRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var length = random.Next(4, 13);
            var start = random.Next(lines.Count - length);
            owners[i] = random.Next(centres.Length);
            records.Add(new VectorRecord($"c{i}", RandomVectors.Near(random, centres[owners[i]], 0.75f), string.Join('\n', lines.GetRange(start, length)),
                new ChunkMetadata { Path = $"src/f{i % 1000}.py", StartLine = start, EndLine = start + length, ContentHash = $"h{i}", Model = "random" }));
        }
        var probes = new List<(float[], string)>(queries);
        while (probes.Count < queries)
        {
            var i = random.Next(count);
            var words = Word().Matches(records[i].Text).Select(m => m.Value).Where(w => !Keywords.Contains(w)).ToList();
            if (words.Count < 3)
                continue;
            var take = random.Next(2, 4);
            var start = random.Next(words.Count - take + 1);
            probes.Add((RandomVectors.Near(random, centres[owners[i]], 0.75f), string.Join(' ', words.GetRange(start, take))));
        }
        return (records, probes);
    }

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]{2,}")]
    private static partial Regex Word();
}
