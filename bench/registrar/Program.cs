using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Artifacts.FileSystem;
using Noa.Bench.Registrar;
using Noa.Bundles.Registry;
using Noa.Stages.Registrar;
using Noa.Storage.Sqlite;

// In-process publish: BundlePublisher against the OCI registry, with the stores `noa publish` composes for NOA_HOME (SQLite runs and
// catalogue, file-system artifacts), one registry store for every publish (as a worker keeps one). No process start.
// Usage: dotnet Noa.Bench.Registrar.dll NOA_HOME RUN_ID [REPEAT=5] [REGISTRY=http://127.0.0.1:5000]
// Each publish goes to a new repository prefix, so the registry holds none of its blobs in that repository. Prints, for
// the first (cold: JIT, connections) publish and the median of the others, the total and the time inside each port call.
// Env: Noa__Bundles__Registry__* settings (ChunkThreshold, ChunkSize, ...) as for noa.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Noa.Bench.Registrar NOA_HOME RUN_ID [REPEAT=5] [REGISTRY=http://127.0.0.1:5000]");
    return 2;
}
var home = Path.GetFullPath(args[0]);
var runId = args[1];
var repeat = args.Length > 2 ? int.Parse(args[2]) : 5;
var url = args.Length > 3 ? args[3] : "http://127.0.0.1:5000";

var services = new ServiceCollection();
services.AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
services.AddSqliteMetadata(s => s.ConnectionString = $"Data Source={Path.Combine(home, "noa.db")}");
services.AddFileSystemArtifacts(s => s.Root = Path.Combine(home, "artifacts"));
services.AddRegistryBundles(s =>
{
    s.Url = url;
    s.UploadStateFolder = Path.Combine(home, "cache", "uploads");
    Settings.Bind(s);
});
await using var provider = services.BuildServiceProvider();
var timer = new PhaseTimer();
var registry = new TimedRegistry(provider.GetRequiredService<IBundleRegistry>(), timer);
var catalog = new TimedCatalog(provider.GetRequiredService<ICatalog>(), timer);
var artifacts = provider.GetRequiredService<IArtifactStore>();
var runs = provider.GetRequiredService<IRunStore>();

var rows = new List<(double Total, IReadOnlyDictionary<string, double> Phases, long Bytes)>();
for (var i = 0; i <= repeat; i++)
{
    var registrar = new RegistrarOptions
    {
        RepositoryPrefix = $"bench-inproc-{DateTime.UtcNow.Ticks}-{i}",
        DefaultSigningKeyFile = Path.Combine(home, "keys", "signing.pem"),
    };
    Settings.Bind(registrar);
    var options = Options.Create(registrar);
    var publisher = new BundlePublisher(runs, artifacts, registry, catalog, options, TimeProvider.System);
    timer.Reset();
    var started = Stopwatch.GetTimestamp();
    var result = await publisher.PublishAsync(runId);
    var total = Stopwatch.GetElapsedTime(started).TotalSeconds;
    rows.Add((total, timer.Snapshot(), result.Bytes));
    Console.Error.WriteLine($"publish {i}: {total:F3} s {result.Reference}");
}

var phases = PhaseTimer.Names;
Console.WriteLine($"| publish | total s | {string.Join(" | ", phases.Select(p => p + " s"))} | other s |");
Console.WriteLine($"|---|---:|{string.Concat(phases.Select(_ => "---:|"))}---:|");
Print("first (cold)", [rows[0]]);
if (rows.Count > 1)
    Print($"median of {rows.Count - 1}", rows.Skip(1).ToList());
Console.Error.WriteLine($"bytes {rows[0].Bytes}");
Console.WriteLine($"MEDIAN {(rows.Count > 1 ? Median(rows.Skip(1).Select(r => r.Total)) : rows[0].Total):F3}");
return 0;

void Print(string label, IReadOnlyList<(double Total, IReadOnlyDictionary<string, double> Phases, long Bytes)> of)
{
    var cells = phases.Select(p => Median(of.Select(r => r.Phases.GetValueOrDefault(p)))).ToArray();
    var total = Median(of.Select(r => r.Total));
    Console.WriteLine($"| {label} | {total:F3} | {string.Join(" | ", cells.Select(c => c.ToString("F3")))} | {Math.Max(0, total - cells.Sum()):F3} |");
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length == 0 ? 0 : sorted[(sorted.Length - 1) / 2];
}
