using System.Globalization;
using Noa.Abstractions;

namespace Noa.Sandbox.Bubblewrap.Cgroups;

/// <summary>A sandbox's cgroup on cgroup v2 (the unified hierarchy): one folder, killed with <c>cgroup.kill</c>.</summary>
internal sealed class CgroupV2 : ISandboxCgroup
{
    private readonly string _folder;
    private long _memoryPeak;

    private CgroupV2(string folder)
    {
        _folder = folder;
        ProcsFiles = [Path.Combine(folder, "cgroup.procs")];
    }

    public IReadOnlyList<string> ProcsFiles { get; }

    /// <summary>
    /// Enables the memory, pids and cpu controllers down to <paramref name="relative"/>'s parent, creates the folder
    /// and writes the limits and the parent's <c>cpu.weight</c>. A parent that holds processes cannot delegate
    /// controllers (v2's rule): the error says so.
    /// </summary>
    public static CgroupV2 Create(string root, string relative, SandboxLimits limits, int cpuWeight)
    {
        var folder = Path.Combine(root, relative);
        var parent = root;
        foreach (var part in Path.GetDirectoryName(relative)!.Split('/', StringSplitOptions.RemoveEmptyEntries).Prepend(""))
        {
            parent = part.Length == 0 ? root : Path.Combine(parent, part);
            Directory.CreateDirectory(parent);
            var subtree = Path.Combine(parent, "cgroup.subtree_control");
            var enabled = File.ReadAllText(subtree);
            if (new[] { "memory", "pids", "cpu" }.All(c => enabled.Split(' ', '\n').Contains(c)))
                continue;
            try
            {
                CgroupFiles.Write(subtree, "+memory +pids +cpu");
            }
            catch (IOException e)
            {
                throw new SandboxUnavailableException(
                    $"cgroup v2: cannot enable the memory, pids and cpu controllers in {parent} ({e.Message}). A cgroup holding processes cannot " +
                    "delegate them: run the worker in a leaf cgroup of its own and point Noa:Capsule:Sandbox:CgroupParent below a cgroup it may manage.", e);
            }
        }
        var group = new CgroupV2(folder);
        try
        {
            Directory.CreateDirectory(folder);
            // The parent holds every sandbox: its weight is theirs together against the host's other processes.
            if (parent != root)
                CgroupFiles.Write(Path.Combine(parent, "cpu.weight"), cpuWeight.ToString(CultureInfo.InvariantCulture));
            CgroupFiles.Write(Path.Combine(folder, "memory.max"), limits.MemoryBytes.ToString(CultureInfo.InvariantCulture));
            var swap = Path.Combine(folder, "memory.swap.max");
            if (File.Exists(swap))
                CgroupFiles.Write(swap, "0");
            CgroupFiles.Write(Path.Combine(folder, "pids.max"), limits.Pids.ToString(CultureInfo.InvariantCulture));
            const int period = 100_000;
            var quota = Math.Max(1_000, (long)Math.Round(limits.Cpus * period));
            CgroupFiles.Write(Path.Combine(folder, "cpu.max"), $"{quota} {period}");
            return group;
        }
        catch
        {
            group.Remove();
            throw;
        }
    }

    public CgroupCounters Read()
    {
        // memory.peak exists from Linux 5.19; before, the highest memory.current seen is the best there is.
        var peak = CgroupFiles.ReadLong(Path.Combine(_folder, "memory.peak"));
        if (peak == 0)
            peak = Math.Max(_memoryPeak, CgroupFiles.ReadLong(Path.Combine(_folder, "memory.current")));
        _memoryPeak = peak;
        return new CgroupCounters(
            TimeSpan.FromTicks(CgroupFiles.ReadKey(Path.Combine(_folder, "cpu.stat"), "usage_usec") * 10),
            peak,
            (int)CgroupFiles.ReadLong(Path.Combine(_folder, "pids.current")),
            CgroupFiles.ReadKey(Path.Combine(_folder, "memory.events"), "oom_kill"),
            CgroupFiles.ReadKey(Path.Combine(_folder, "pids.events"), "max"));
    }

    public bool Kill(TimeSpan timeout)
    {
        var kill = Path.Combine(_folder, "cgroup.kill");
        if (File.Exists(kill))
        {
            CgroupFiles.Write(kill, "1");
        }
        else
        {
            // Before Linux 5.14: freeze, kill each, thaw.
            var freeze = Path.Combine(_folder, "cgroup.freeze");
            CgroupFiles.Write(freeze, "1");
            try
            {
                foreach (var pid in CgroupFiles.ReadPids(ProcsFiles[0]))
                    Native.KillProcess(pid);
            }
            finally
            {
                CgroupFiles.Write(freeze, "0");
            }
        }
        return CgroupFiles.WaitUntil(IsEmpty, timeout);
    }

    public bool IsEmpty() => !File.Exists(ProcsFiles[0]) || CgroupFiles.ReadPids(ProcsFiles[0]).Count == 0;

    public bool Remove() => CgroupFiles.RemoveDirectory(_folder);
}
