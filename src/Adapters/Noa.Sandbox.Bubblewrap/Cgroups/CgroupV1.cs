using System.Globalization;
using Noa.Abstractions;

namespace Noa.Sandbox.Bubblewrap.Cgroups;

/// <summary>
/// A sandbox's cgroups on cgroup v1: one folder per hierarchy (memory, pids, cpu, cpuacct, freezer). Memory and
/// memory+swap get the same limit (no swap); a kill freezes the group first so no process forks away meanwhile.
/// </summary>
internal sealed class CgroupV1 : ISandboxCgroup
{
    private readonly string _memory, _pids, _cpu, _cpuacct, _freezer;
    private readonly string[] _folders;

    private CgroupV1(string memory, string pids, string cpu, string cpuacct, string freezer)
    {
        (_memory, _pids, _cpu, _cpuacct, _freezer) = (memory, pids, cpu, cpuacct, freezer);
        _folders = new[] { memory, pids, cpu, cpuacct, freezer }.Distinct(StringComparer.Ordinal).ToArray();
        ProcsFiles = _folders.Select(f => Path.Combine(f, "cgroup.procs")).ToArray();
    }

    public IReadOnlyList<string> ProcsFiles { get; }

    /// <summary>
    /// Creates the folders under each hierarchy's <paramref name="relative"/> path and writes the limits, and the parent's
    /// <c>cpu.shares</c> from <paramref name="cpuWeight"/>.
    /// </summary>
    public static CgroupV1 Create(IReadOnlyDictionary<string, string> mounts, string relative, SandboxLimits limits, int cpuWeight)
    {
        string Folder(string controller) => mounts.TryGetValue(controller, out var mount)
            ? Path.Combine(mount, relative)
            : throw new SandboxUnavailableException($"cgroup v1: the '{controller}' controller is not mounted (see /proc/self/mountinfo).");
        var group = new CgroupV1(Folder("memory"), Folder("pids"), Folder("cpu"), Folder("cpuacct"), Folder("freezer"));
        try
        {
            foreach (var folder in group._folders)
                Directory.CreateDirectory(folder);
            // The parent holds every sandbox: its weight is theirs together against the host's other processes.
            var parent = Path.GetDirectoryName(group._cpu)!;
            if (parent != mounts["cpu"])
                CgroupFiles.Write(Path.Combine(parent, "cpu.shares"), CgroupHost.SharesOf(cpuWeight).ToString(CultureInfo.InvariantCulture));
            CgroupFiles.Write(Path.Combine(group._memory, "memory.limit_in_bytes"), limits.MemoryBytes.ToString(CultureInfo.InvariantCulture));
            var memsw = Path.Combine(group._memory, "memory.memsw.limit_in_bytes");
            if (File.Exists(memsw))
                CgroupFiles.Write(memsw, limits.MemoryBytes.ToString(CultureInfo.InvariantCulture));
            CgroupFiles.Write(Path.Combine(group._pids, "pids.max"), limits.Pids.ToString(CultureInfo.InvariantCulture));
            const int period = 100_000;
            CgroupFiles.Write(Path.Combine(group._cpu, "cpu.cfs_period_us"), period.ToString(CultureInfo.InvariantCulture));
            var quota = Math.Max(1_000, (long)Math.Round(limits.Cpus * period));
            CgroupFiles.Write(Path.Combine(group._cpu, "cpu.cfs_quota_us"), quota.ToString(CultureInfo.InvariantCulture));
            return group;
        }
        catch
        {
            group.Remove();
            throw;
        }
    }

    public CgroupCounters Read() => new(
        TimeSpan.FromTicks(CgroupFiles.ReadLong(Path.Combine(_cpuacct, "cpuacct.usage")) / 100),
        CgroupFiles.ReadLong(Path.Combine(_memory, "memory.max_usage_in_bytes")),
        (int)CgroupFiles.ReadLong(Path.Combine(_pids, "pids.current")),
        CgroupFiles.ReadKey(Path.Combine(_memory, "memory.oom_control"), "oom_kill"),
        CgroupFiles.ReadKey(Path.Combine(_pids, "pids.events"), "max"));

    public bool Kill(TimeSpan timeout)
    {
        var state = Path.Combine(_freezer, "freezer.state");
        try
        {
            CgroupFiles.Write(state, "FROZEN");
            CgroupFiles.WaitUntil(() => File.ReadAllText(state).Trim() == "FROZEN", TimeSpan.FromSeconds(1));
            foreach (var pid in CgroupFiles.ReadPids(Path.Combine(_freezer, "cgroup.procs")))
                Native.KillProcess(pid);
        }
        finally
        {
            // Killed processes die only once thawed.
            if (Directory.Exists(_freezer))
                CgroupFiles.Write(state, "THAWED");
        }
        return CgroupFiles.WaitUntil(IsEmpty, timeout);
    }

    public bool IsEmpty() => ProcsFiles.All(f => !File.Exists(f) || CgroupFiles.ReadPids(f).Count == 0);

    public bool Remove()
    {
        var removed = true;
        foreach (var folder in _folders)
            removed &= CgroupFiles.RemoveDirectory(folder);
        return removed;
    }
}
