using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Noa.Abstractions;
using Noa.Artifacts.FileSystem;
using Noa.Bench.Engine;
using Noa.EventBus.InProcess;
using Noa.EventBus.Redis;
using Noa.Storage.Postgres;
using Noa.Storage.Sqlite;
using Noa.Workflows;
using Npgsql;
using StackExchange.Redis;

// Engine benchmark: per-stage scheduling overhead with no-op stages. A chain of --stages stages, run --runs times one
// after another; overhead per stage = run wall time / stages. Everything the engine does per stage is included: attempt
// records (start and end), audit records, events on runs.events, and with bus dispatch the task, the worker's reads,
// heartbeat record, result and ack. Usage: dotnet run -c Release --project bench/engine [--stages N] [--runs R]
var stages = int.Parse(Arg("--stages", "10"), CultureInfo.InvariantCulture);
var runs = int.Parse(Arg("--runs", "30"), CultureInfo.InvariantCulture);
var redis = Arg("--redis", "127.0.0.1:6379") + ",defaultDatabase=14";
var postgres = Arg("--postgres", "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres");

Console.WriteLine($"{stages} no-op stages in a chain, {runs} runs after a warm-up run, {Environment.ProcessorCount} cores, load average {Load()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine();
Console.WriteLine("| dispatch | bus | metadata | per stage p50 ms | per stage mean ms | run p99 ms |");
Console.WriteLine("|---|---|---|---:|---:|---:|");
foreach (var (dispatch, bus, metadata) in new[]
{
    (ActivityDispatch.InProcess, "inprocess", "sqlite"),
    (ActivityDispatch.Bus, "inprocess", "sqlite"),
    (ActivityDispatch.Bus, "redis", "sqlite"),
    (ActivityDispatch.Bus, "redis", "postgres"),
})
{
    var perRun = await MeasureAsync(dispatch, bus, metadata);
    Array.Sort(perRun);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {dispatch} | {bus} | {metadata} | {perRun[perRun.Length / 2] / stages:0.000} | {perRun.Average() / stages:0.000} | {perRun[(int)Math.Ceiling(perRun.Length * 0.99) - 1]:0.0} |"));
}
return;

async Task<double[]> MeasureAsync(ActivityDispatch dispatch, string bus, string metadata)
{
    var folder = Path.Combine(Path.GetTempPath(), $"noa-bench-engine-{Guid.NewGuid():N}");
    Directory.CreateDirectory(folder);
    var services = new ServiceCollection().AddLogging();
    if (bus == "redis")
    {
        var config = ConfigurationOptions.Parse(redis);
        config.AllowAdmin = true;
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(config))
            await connection.GetDatabase().ExecuteAsync("FLUSHDB");
        services.AddRedisBus(s => (s.ConnectionString, s.DisableHealthChecks) = (redis, true));
    }
    else
    {
        services.AddInProcessBus();
    }
    var schema = $"bench_{Guid.NewGuid():N}";
    if (metadata == "postgres")
    {
        await using var db = NpgsqlDataSource.Create(postgres);
        await db.CreateCommand($"CREATE SCHEMA {schema}").ExecuteNonQueryAsync();
        services.AddPostgresMetadata(s => (s.ConnectionString, s.DisableHealthChecks) = ($"{postgres};Search Path={schema}", true));
    }
    else
    {
        services.AddSqliteMetadata(s => (s.ConnectionString, s.DisableHealthChecks) = ($"Data Source={Path.Combine(folder, "noa.db")}", true));
    }
    services.AddFileSystemArtifacts(s => s.Root = Path.Combine(folder, "cas"));
    services.AddWorkflows(o => (o.Dispatch, o.WorkspaceRoot, o.WorkerSlots) = (dispatch, Path.Combine(folder, "work"), 1));
    var chain = Enumerable.Range(0, stages).Select(i => new NoopStage($"s{i}", i == 0 ? null : $"s{i - 1}")).ToArray();
    foreach (var stage in chain)
    {
        services.AddSingleton<IStage>(stage);
        if (dispatch == ActivityDispatch.Bus)
            services.AddStageWorker(stage.Name);
    }
    await using var provider = services.BuildServiceProvider();
    var hosted = provider.GetServices<IHostedService>().ToArray();
    foreach (var service in hosted)
        await service.StartAsync(CancellationToken.None);
    var engine = provider.GetRequiredService<WorkflowEngine>();
    var definition = DigestWorkflow.Create(chain);
    var request = new DigestRequest { Source = "/bench", RequestedBy = "bench" };
    await engine.RunAsync(definition, request); // warm-up: JIT, connections, migrations, consumer groups
    var times = new double[runs];
    for (var i = 0; i < runs; i++)
    {
        var clock = Stopwatch.StartNew();
        var run = await engine.RunAsync(definition, request);
        times[i] = clock.Elapsed.TotalMilliseconds;
        if (run.State != RunState.Succeeded)
            throw new InvalidOperationException($"run {run.RunId} ended {run.State}: {run.Reason}");
    }
    foreach (var service in hosted)
        await service.StopAsync(CancellationToken.None);
    if (metadata == "postgres")
    {
        await using var db = NpgsqlDataSource.Create(postgres);
        await db.CreateCommand($"DROP SCHEMA {schema} CASCADE").ExecuteNonQueryAsync();
    }
    try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    return times;
}

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
