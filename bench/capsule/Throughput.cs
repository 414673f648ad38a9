using System.Diagnostics;
using System.Globalization;
using Noa.Abstractions;

namespace Noa.Bench.Capsule;

/// <summary>N capsules, P at a time, each a short command; then what is left on the host: processes, mounts, cgroups.</summary>
internal static class Throughput
{
    public const int UidBase = 1_700_000_000, UidCount = 4096;

    public static async Task<string> RunAsync(ICapsules capsules, int count, int parallel)
    {
        var before = Snapshot();
        var started = Stopwatch.GetTimestamp();
        var failures = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, ct) =>
        {
            var capsule = await capsules.SpawnAsync(new CapsuleRequest { Command = ["/bin/sh", "-c", "echo $$; sleep 0.2 & wait"], Tenant = "bench-" + (i % parallel) }, ct);
            var ended = await capsules.WaitAsync(capsule.Id, ct);
            if (ended.Result?.Succeeded != true)
                Interlocked.Increment(ref failures);
            await capsules.RemoveAsync(capsule.Id, ct);
        });
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var after = Snapshot();
        return string.Create(CultureInfo.InvariantCulture,
            $"| capsules | at a time | seconds | capsules/s | failed | processes left | mounts left | cgroups left |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n" +
            $"| {count} | {parallel} | {seconds:0.0} | {count / seconds:0.0} | {failures} | {after.Processes - before.Processes} | {after.Mounts - before.Mounts} | {after.Cgroups - before.Cgroups} |");
    }

    private static (int Processes, int Mounts, int Cgroups) Snapshot()
    {
        var sandboxUsers = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                var uid = File.ReadLines(Path.Combine(dir, "status")).First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t')[1];
                if (long.Parse(uid, CultureInfo.InvariantCulture) is >= UidBase and < UidBase + UidCount)
                    sandboxUsers++;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
            }
        }
        var mounts = File.ReadLines("/proc/self/mountinfo").Count();
        var cgroups = Directory.EnumerateDirectories("/sys/fs/cgroup").SelectMany(h => Directory.Exists(Path.Combine(h, "noa-bench"))
            ? Directory.EnumerateDirectories(Path.Combine(h, "noa-bench")) : []).Count();
        return (sandboxUsers, mounts, cgroups);
    }
}
