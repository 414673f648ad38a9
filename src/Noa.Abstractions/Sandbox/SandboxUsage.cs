namespace Noa.Abstractions;

/// <summary>Resources a sandbox used.</summary>
/// <param name="CpuTime">CPU time of every process (user + system).</param>
/// <param name="PeakMemoryBytes">The highest memory use (tmpfs included), as its cgroup counted it.</param>
/// <param name="PeakPids">The most processes and threads at once that were seen.</param>
/// <param name="WallTime">Time since start (or until the end).</param>
/// <param name="StdoutBytes">Bytes written to standard output.</param>
/// <param name="StderrBytes">Bytes written to standard error.</param>
public sealed record SandboxUsage(TimeSpan CpuTime, long PeakMemoryBytes, int PeakPids, TimeSpan WallTime, long StdoutBytes, long StderrBytes)
{
    /// <summary>Nothing used.</summary>
    public static SandboxUsage None { get; } = new(TimeSpan.Zero, 0, 0, TimeSpan.Zero, 0, 0);
}
