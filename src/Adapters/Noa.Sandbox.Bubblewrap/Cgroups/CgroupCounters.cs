namespace Noa.Sandbox.Bubblewrap.Cgroups;

/// <summary>One reading of a sandbox's cgroup.</summary>
/// <param name="Cpu">CPU time of every process in it so far.</param>
/// <param name="MemoryPeak">The highest memory use so far (0 when the kernel does not say).</param>
/// <param name="Pids">Processes and threads now.</param>
/// <param name="OomKills">Processes the OOM killer ended in it.</param>
/// <param name="PidsRefused">Forks refused at its process limit.</param>
internal sealed record CgroupCounters(TimeSpan Cpu, long MemoryPeak, int Pids, long OomKills, long PidsRefused);
