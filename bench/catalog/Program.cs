using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Storage.Postgres;
using Noa.Storage.Sqlite;
using Npgsql;

// Catalogue query latency (GET /catalog's store call) at N published rows, on the embedded SQLite store and on Postgres.
// Usage: dotnet run -c Release -- [rows=10000] [iterations=200] [sqlite,postgres]
// Each query shape runs `iterations` times after 10 warm-up calls; p50 and p99 of the store call (ms). Postgres is the server
// of NOA_TEST_POSTGRES (default 127.0.0.1:5432, scripts/services.sh), in a schema of its own dropped at the end.
var rows = args.Length > 0 ? int.Parse(args[0]) : 10_000;
var iterations = args.Length > 1 ? int.Parse(args[1]) : 200;
var stores = args.Length > 2 ? args[2].Split(',') : ["sqlite", "postgres"];
var server = Environment.GetEnvironmentVariable("NOA_TEST_POSTGRES") is { Length: > 0 } s ? s : "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres";
var entries = CatalogRows.Generate(rows).ToList();

// The last page a reader would reach by following cursors at 50 a page, 20 pages in.
CatalogCursor deep = CatalogCursor.Of(entries.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.RunId, StringComparer.Ordinal).ElementAt(999));
(string Name, CatalogQuery Query)[] shapes =
[
    ("first page, no filter", new CatalogQuery(Limit: 50)),
    ("tenant team-b", new CatalogQuery(Tenant: "team-b", Limit: 50)),
    ("language=python", new CatalogQuery(Language: "python", Limit: 50)),
    ("language=zig (rare)", new CatalogQuery(Language: "zig", Limit: 50)),
    ("framework=django", new CatalogQuery(Framework: "django", Limit: 50)),
    ("license=cc0-1.0 (rare)", new CatalogQuery(License: "cc0-1.0", Limit: 50)),
    ("verdict=fail", new CatalogQuery(Verdict: "fail", Limit: 50)),
    ("team-a + language=go + license=mit", new CatalogQuery(Tenant: "team-a", Language: "go", License: "mit", Limit: 50)),
    ("source (exact)", new CatalogQuery(Source: entries[rows / 2].Source, Limit: 50)),
    ("page 21 by cursor", new CatalogQuery(Limit: 50, After: deep)),
    ("language=python, 1000 rows", new CatalogQuery(Language: "python", Limit: 1000)),
];

Console.WriteLine($"{rows} rows, {iterations} calls per query after 10 warm-up, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine();
Console.WriteLine("| store | query | rows answered | p50 ms | p99 ms |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var name in stores)
{
    string? schema = null;
    var folder = Path.Combine(Path.GetTempPath(), $"noa-bench-catalog-{Guid.NewGuid():N}");
    ICatalog catalog;
    IAsyncDisposable owner;
    if (name == "postgres")
    {
        schema = $"noa_bench_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE SCHEMA {schema};");
        var store = new PostgresMetadataStore(Options.Create(new PostgresSettings
        {
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ToString(),
        }), NullLogger<PostgresMetadataStore>.Instance);
        (catalog, owner) = (store, store);
    }
    else
    {
        Directory.CreateDirectory(folder);
        var store = new SqliteMetadataStore(Options.Create(new SqliteSettings { ConnectionString = $"Data Source={Path.Combine(folder, "noa.db")}" }),
            NullLogger<SqliteMetadataStore>.Instance);
        (catalog, owner) = (store, store);
    }
    try
    {
        var load = Stopwatch.StartNew();
        await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = name == "postgres" ? 4 : 1 },
            async (e, ct) => await catalog.RecordAsync(e, ct));
        Console.Error.WriteLine($"{name}: recorded {rows} rows in {load.Elapsed.TotalSeconds:F1} s");
        if (name == "postgres")
            await ExecuteAsync(server, $"ANALYZE {schema}.catalog; ANALYZE {schema}.catalog_facets;");
        foreach (var (label, query) in shapes)
        {
            var answered = 0;
            for (var i = 0; i < 10; i++)
                answered = (await catalog.ListAsync(query)).Entries.Count;
            var times = new double[iterations];
            for (var i = 0; i < iterations; i++)
            {
                var t = Stopwatch.GetTimestamp();
                await catalog.ListAsync(query);
                times[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
            Array.Sort(times);
            Console.WriteLine($"| {name} | {label} | {answered} | {Pick(times, 50):F2} | {Pick(times, 99):F2} |");
        }
    }
    finally
    {
        await owner.DisposeAsync();
        if (schema is not null)
            await ExecuteAsync(server, $"DROP SCHEMA {schema} CASCADE;");
        if (Directory.Exists(folder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
Console.WriteLine();
Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");

static double Pick(double[] sorted, int percent) => sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(sorted.Length * percent / 100.0) - 1))];

static async Task ExecuteAsync(string server, string sql)
{
    await using var connection = new NpgsqlConnection(server);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}
