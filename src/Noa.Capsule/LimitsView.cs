using Noa.Abstractions;

namespace Noa.Capsule;

/// <summary>Limits as the API shows and takes them (seconds for the wall time).</summary>
internal sealed record LimitsView(double Cpus, long MemoryBytes, int Pids, double WallTimeSeconds, long OutputBytes, long TmpfsBytes)
{
    /// <summary>The view of <paramref name="limits"/>.</summary>
    public static LimitsView Of(SandboxLimits limits) =>
        new(limits.Cpus, limits.MemoryBytes, limits.Pids, limits.WallTime.TotalSeconds, limits.OutputBytes, limits.TmpfsBytes);
}
