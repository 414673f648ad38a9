using Noa.Abstractions;

namespace Noa.Sandbox.Bubblewrap.Cgroups;

/// <summary>
/// Which cgroup version this host runs and where its hierarchies are mounted (read once from
/// <c>/proc/self/mountinfo</c>); creates each sandbox's cgroup under <see cref="BubblewrapSettings.CgroupParent"/>.
/// </summary>
internal sealed class CgroupHost
{
    private readonly string? _unified;
    private readonly IReadOnlyDictionary<string, string> _v1;

    private CgroupHost(string? unified, IReadOnlyDictionary<string, string> v1) => (_unified, _v1) = (unified, v1);

    /// <summary>1 or 2.</summary>
    public int Version => _unified is null ? 1 : 2;

    public static CgroupHost Detect(string mountinfo = "/proc/self/mountinfo")
    {
        string? unified = null;
        var v1 = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(mountinfo))
        {
            // id parent major:minor root mountpoint options [optional...] - fstype source superoptions
            var dash = line.IndexOf(" - ", StringComparison.Ordinal);
            if (dash < 0)
                continue;
            var fields = line[..dash].Split(' ');
            var tail = line[(dash + 3)..].Split(' ');
            if (fields.Length < 5 || tail.Length < 3)
                continue;
            var mountPoint = fields[4].Replace("\\040", " ", StringComparison.Ordinal);
            if (tail[0] == "cgroup2" && mountPoint == "/sys/fs/cgroup")
                unified = mountPoint;
            else if (tail[0] == "cgroup")
                foreach (var option in tail[2].Split(','))
                    if (option is "memory" or "pids" or "cpu" or "cpuacct" or "freezer")
                        v1.TryAdd(option, mountPoint);
        }
        if (unified is null && v1.Count == 0)
            throw new SandboxUnavailableException("No cgroup file system is mounted (neither cgroup2 at /sys/fs/cgroup nor cgroup v1 hierarchies).");
        return new CgroupHost(v1.Count > 0 && unified is null ? null : unified, v1);
    }

    public ISandboxCgroup Create(string parent, string name, SandboxLimits limits, int cpuWeight)
    {
        if (cpuWeight is < 1 or > 10_000)
            throw new SandboxUnavailableException($"Noa:Capsule:Sandbox:CpuWeight must be from 1 to 10000 (was {cpuWeight}).");
        var relative = Path.Combine(parent.Trim('/'), name);
        return _unified is not null ? CgroupV2.Create(_unified, relative, limits, cpuWeight) : CgroupV1.Create(_v1, relative, limits, cpuWeight);
    }

    /// <summary>cgroup v1's <c>cpu.shares</c> for a v2 <c>cpu.weight</c> (100 ↔ 1024, at least 2).</summary>
    public static long SharesOf(int weight) => Math.Max(2, weight * 1024L / 100);
}
