using System.Globalization;
using Noa.Bench.Bus;
using Noa.EventBus.Redis;

// Bus benchmark: tasks/s and enqueue→ack latency through Redis Streams with 1 and 4 workers, next to the server's
// own XADD rate (redis-benchmark) measured in the same run, and latency at a paced 1k tasks/s. Prints a Markdown table.
// Usage: bench/bus.sh [--redis host:port] [--tasks N] [--paced-seconds S] [--batch B]
var address = Arg("--redis", Environment.GetEnvironmentVariable("NOA_TEST_REDIS") is { Length: > 0 } a ? a : "127.0.0.1:6379");
var tasks = int.Parse(Arg("--tasks", "50000"), CultureInfo.InvariantCulture);
var pacedSeconds = int.Parse(Arg("--paced-seconds", "10"), CultureInfo.InvariantCulture);
var batch = int.Parse(Arg("--batch", "64"), CultureInfo.InvariantCulture);
var host = address.Split(':')[0];
var port = address.Contains(':', StringComparison.Ordinal) ? int.Parse(address.Split(':')[1], CultureInfo.InvariantCulture) : 6379;

var loadBefore = LoadAverage();
var (ceiling, ceilingCommand) = await RedisCeiling.MeasureAsync(host, port, 100_000);
var results = new List<BenchResult>();
await using (var bench = new BusBench(address))
{
    await bench.ThroughputAsync(RedisReadMode.Blocking, 1, Math.Min(tasks, 5_000), batch); // warm-up (JIT, connections)
    foreach (var workers in new[] { 1, 4 })
        results.Add(await bench.ThroughputAsync(RedisReadMode.Blocking, workers, tasks, batch));
    foreach (var mode in new[] { RedisReadMode.Blocking, RedisReadMode.Polling })
        results.Add(await bench.PacedAsync(mode, 1, 1_000, TimeSpan.FromSeconds(pacedSeconds), batch));
    results.Add(await bench.RawXaddPacedAsync(1_000, TimeSpan.FromSeconds(pacedSeconds)));
    foreach (var mode in new[] { RedisReadMode.Blocking, RedisReadMode.Polling })
        results.Add(await bench.OneAtATimeAsync(mode, 2_000));
}

Console.WriteLine($"Redis {address}, {Environment.ProcessorCount} cores, bench niceness {Environment.GetEnvironmentVariable("BENCH_NICE") ?? "0"}, load average {loadBefore} before / {LoadAverage()} after, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; ceiling: `{ceilingCommand}`; up to {batch} tasks per read");
Console.WriteLine();
Console.WriteLine("| scenario | read mode | workers | tasks | tasks/s | % of XADD ceiling | p50 ms | p99 ms | max ms |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
Console.WriteLine(Invariant($"| redis-benchmark XADD (ceiling) | — | 50 clients | 100000 | {ceiling:0} | 100% | | | |"));
foreach (var r in results)
{
    Console.WriteLine(Invariant(
        $"| {r.Scenario} | {r.Mode} | {(r.Workers == 0 ? "—" : r.Workers.ToString(CultureInfo.InvariantCulture))} | {r.Tasks} | {r.TasksPerSecond:0} | {(r.Scenario == "max rate" ? $"{100 * r.TasksPerSecond / ceiling:0.0}%" : "—")} | {r.P50Ms:0.00} | {r.P99Ms:0.00} | {r.MaxMs:0.00} |"));
}
var best = results.Where(r => r.Scenario == "max rate").Max(r => r.TasksPerSecond);
var paced = results.First(r => r.Scenario.StartsWith("paced", StringComparison.Ordinal) && r.Mode == "blocking");
Console.WriteLine();
Console.WriteLine(Invariant($"Targets in this run: max rate ≥ 30% of the ceiling: {(best >= 0.3 * ceiling ? "met" : "not met")} ({100 * best / ceiling:0.0}%); p99 < 5 ms at 1k tasks/s (blocking reads, the default): {(paced.P99Ms < 5 ? "met" : "not met")} ({paced.P99Ms:0.00} ms)."));
Console.WriteLine("A load average above 2 means other work shared the 2 cores with Redis and the bench during the run. redis-benchmark's");
Console.WriteLine("50 clients each wait for every reply, so shared cores cut the ceiling more than the bus's pipelined connections:");
Console.WriteLine("hence shares above 100%, and rows that swing from run to run.");
Console.WriteLine();
Console.WriteLine("Latency runs from just before a task's publish to the end of its ack. At max rate the producer keeps 256 publishes in");
Console.WriteLine("flight and outruns the workers, so those latencies are mostly queueing; the paced rows are the latency figures.");
Console.WriteLine("The bare XADD row is one StackExchange.Redis round trip at the same pace: the client's floor on this machine.");
Console.WriteLine("One at a time: a task is published 2 ms after the previous one was acked, so nothing queues and the");
Console.WriteLine("latency is the wake-up path alone (blocking: the server wakes the waiting XREADGROUP; polling: the next poll finds it).");
return;

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
