using System.Diagnostics;
using System.Globalization;
using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>
/// Sandboxes together weigh <see cref="Noa.Sandbox.Bubblewrap.BubblewrapSettings.CpuWeight"/> against the host's other
/// processes: a Runner's test suite yields the cores to a digest's own stages when both want them. Measured, not read
/// back from a file: a busy loop in a sandbox and one on the host share one CPU for two seconds, and the host's share of
/// that CPU is compared with the sandbox's. At weight 10 (cgroup v1: 102 shares against a task's 1024) the host gets
/// about ten times the sandbox's time; the control at 100 (a normal process's weight) gets about the same.
/// </summary>
public sealed class BubblewrapCpuWeightTests(ITestOutputHelper output)
{
    private const string Spin = "while :; do :; done";

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    public async Task CpuWeight_OneContendedCpu_DividesItsTimeByWeight(int weight)
    {
        using var fixture = new BubblewrapFixture();
        if (fixture.Unavailable is { } why || !File.Exists("/usr/bin/taskset"))
            Requirement.Unmet(fixture.Unavailable ?? "taskset (util-linux)");
        fixture.Settings.CpuWeight = weight;
        var cpu = (Environment.ProcessorCount - 1).ToString(CultureInfo.InvariantCulture);

        await using var sandboxed = await fixture.Sandbox.StartAsync(SandboxRun.Shell($"exec taskset -c {cpu} sh -c '{Spin}'",
            new SandboxLimits { Cpus = 1, WallTime = TimeSpan.FromSeconds(30) }));
        // In a session of its own: with autogroup scheduling (sched_autogroup_enabled) each session weighs as one entity,
        // as a digest's process does beside the sandboxes' cgroup, and this test's own threads stay out of the comparison.
        using var host = Process.Start(new ProcessStartInfo("setsid", ["taskset", "-c", cpu, "sh", "-c", Spin]))!;
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500)); // both spinning
            var (sandbox0, host0) = (sandboxed.Usage().CpuTime, CpuTimeOf(host.Id));
            await Task.Delay(TimeSpan.FromSeconds(2));
            var (sandbox1, host1) = (sandboxed.Usage().CpuTime, CpuTimeOf(host.Id));
            var ratio = (host1 - host0) / Math.Max(0.001, (sandbox1 - sandbox0).TotalSeconds);

            var observed = $"weight {weight}: host {host1 - host0:F2} s, sandbox {(sandbox1 - sandbox0).TotalSeconds:F2} s of CPU {cpu} (ratio {ratio:F1})";
            output.WriteLine(observed);
            if (weight < 100)
                Assert.True(ratio > 4, observed + "; expected the host to get over 4x the sandbox's time");
            else
                Assert.True(ratio is > 0.4 and < 2.5, observed + "; expected about equal time");
        }
        finally
        {
            host.Kill();
            await sandboxed.StopAsync();
        }
    }

    /// <summary>User + system seconds of one process, from <c>/proc/PID/stat</c> (fields 14 and 15, in clock ticks).</summary>
    private static double CpuTimeOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
}
