using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Noa.Abstractions;
using Noa.Bench.Capsule;
using Noa.Capsule;
using Noa.Storage.Sqlite;

// bench/capsule: spawn-to-first-output of bare bwrap, buildah run, an ISandbox on the host root, a capsule on the host
// root and a capsule on an image (warm), all in the same run; 100 capsules 8 at a time with a leak check; a build
// through the build proxy beside the same build by the outer builder. Prints Markdown.
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
var image = Environment.GetEnvironmentVariable("BENCH_IMAGE") ?? "python:3.11-slim";
var home = Directory.CreateTempSubdirectory("noa-bench-capsule-").FullName;
var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
    .AddSqliteMetadata(s => s.ConnectionString = $"Data Source={Path.Combine(home, "noa.db")}")
    .AddCapsules(o => o.WorkDirectory = "/run/noa-bench-capsules", sandbox =>
    {
        // A cgroup parent and host uids of its own: what is left behind is this run's, not another sandbox host's.
        sandbox.CgroupParent = "noa-bench";
        sandbox.HostUidBase = Throughput.UidBase;
        sandbox.HostUidCount = Throughput.UidCount;
    });
await using var provider = services.BuildServiceProvider();
var sandbox = provider.GetRequiredService<ISandbox>();
var capsules = provider.GetRequiredService<ICapsules>();
var rows = new List<string>();

Console.WriteLine($"# capsule bench: {runs} spawns each, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at start");
var bwrap = await Latency.OfProcessAsync(runs, "bwrap", ["--unshare-all", "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib",
    "--symlink", "usr/lib64", "/lib64", "--proc", "/proc", "--dev", "/dev", "--die-with-parent", "/bin/echo", "x"]);
rows.Add(Latency.Row("bare `bwrap --unshare-all … echo` (root, no user namespace, no cgroup)", bwrap));

var container = (await Latency.RunAsync("buildah", ["from", "--pull-never", image])).Trim();
try
{
    var buildahRun = await Latency.OfProcessAsync(runs, "buildah", ["run", "--isolation", "chroot", container, "--", "echo", "x"]);
    rows.Add(Latency.Row($"`buildah run --isolation chroot` ({image})", buildahRun));
}
finally
{
    await Latency.RunAsync("buildah", ["rm", container]);
}

var spec = new SandboxSpec { Command = ["/bin/echo", "x"], Limits = new SandboxLimits { WallTime = TimeSpan.FromSeconds(30) } };
rows.Add(Latency.Row("`ISandbox` host root (bubblewrap + cgroup, own uid)", await Latency.OfAsync(runs, async () =>
{
    var started = Stopwatch.GetTimestamp();
    await using var process = await sandbox.StartAsync(spec);
    await process.Output.ReadAsync();
    var first = Stopwatch.GetElapsedTime(started);
    await process.Completion;
    return first;
})));

async Task<TimeSpan> CapsuleOnce(string? on)
{
    var started = Stopwatch.GetTimestamp();
    var capsule = await capsules.SpawnAsync(new CapsuleRequest { Image = on, Command = ["echo", "x"], Tenant = "bench" });
    await using var e = capsules.FollowAsync(capsule.Id).GetAsyncEnumerator();
    await e.MoveNextAsync();
    var first = Stopwatch.GetElapsedTime(started);
    await capsules.RemoveAsync(capsule.Id);
    return first;
}
rows.Add(Latency.Row("capsule, host root (`ICapsules.SpawnAsync` → first output)", await Latency.OfAsync(runs, () => CapsuleOnce(null))));
await CapsuleOnce(image); // warm: the image's mount is made once
rows.Add(Latency.Row($"capsule, image {image} (warm)", await Latency.OfAsync(runs, () => CapsuleOnce(image))));

Console.WriteLine();
Console.WriteLine("| spawn → first output | p50 ms | p99 ms | mean ms |");
Console.WriteLine("|---|---:|---:|---:|");
foreach (var row in rows)
    Console.WriteLine(row);

Console.WriteLine();
Console.WriteLine(await Throughput.RunAsync(capsules, 100, 8));
Console.WriteLine();
Console.WriteLine(await BuildCompare.RunAsync(provider.GetRequiredService<IImageBuilder>(), capsules));
Directory.Delete(home, recursive: true);
