namespace Noa.Abstractions;

/// <summary>
/// What a sandbox may use. Reaching <see cref="MemoryBytes"/>, <see cref="Pids"/>, <see cref="WallTime"/> or
/// <see cref="OutputBytes"/> ends the whole sandbox, and its result names the limit; <see cref="Cpus"/> only slows it.
/// </summary>
public sealed record SandboxLimits
{
    /// <summary>The smallest and largest values <see cref="Validate"/> accepts.</summary>
    public static class Range
    {
        /// <summary>CPU cores: from a hundredth of one to 256.</summary>
        public const double MinCpus = 0.01, MaxCpus = 256;

        /// <summary>Memory: from 16 MiB to 1 TiB.</summary>
        public const long MinMemoryBytes = 16L << 20, MaxMemoryBytes = 1L << 40;

        /// <summary>Processes and threads: from 8 (the sandbox's own init and a shell need some) to 4,194,304.</summary>
        public const int MinPids = 8, MaxPids = 4_194_304;

        /// <summary>Output: from 1 KiB to 16 GiB.</summary>
        public const long MinOutputBytes = 1L << 10, MaxOutputBytes = 16L << 30;

        /// <summary>Each tmpfs: from 1 MiB to the memory limit.</summary>
        public const long MinTmpfsBytes = 1L << 20;

        /// <summary>Wall time: from 100 ms to 30 days.</summary>
        public static readonly TimeSpan MinWallTime = TimeSpan.FromMilliseconds(100), MaxWallTime = TimeSpan.FromDays(30);
    }

    /// <summary>CPU cores' worth of time per period (a quota, e.g. 0.5 or 2); the default is one core.</summary>
    public double Cpus { get; init; } = 1;

    /// <summary>Memory of every process together, tmpfs included (no swap); the default is 512 MiB.</summary>
    public long MemoryBytes { get; init; } = 512L << 20;

    /// <summary>Processes and threads at once; the default is 512.</summary>
    public int Pids { get; init; } = 512;

    /// <summary>Time from start to end; the default is 10 minutes.</summary>
    public TimeSpan WallTime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Bytes written to standard output and error together; the default is 64 MiB.</summary>
    public long OutputBytes { get; init; } = 64L << 20;

    /// <summary>The size of each tmpfs of <see cref="SandboxSpec.Tmpfs"/>; the default is 64 MiB.</summary>
    public long TmpfsBytes { get; init; } = 64L << 20;

    /// <summary>
    /// Every value out of range, as field (camelCase, as in JSON) → reason; empty when all are valid.
    /// </summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        if (!(Cpus >= Range.MinCpus && Cpus <= Range.MaxCpus))
            errors["cpus"] = $"must be between {Range.MinCpus} and {Range.MaxCpus} (cores), not {Cpus}";
        if (MemoryBytes is < Range.MinMemoryBytes or > Range.MaxMemoryBytes)
            errors["memoryBytes"] = $"must be between {Range.MinMemoryBytes} (16 MiB) and {Range.MaxMemoryBytes} (1 TiB), not {MemoryBytes}";
        if (Pids is < Range.MinPids or > Range.MaxPids)
            errors["pids"] = $"must be between {Range.MinPids} and {Range.MaxPids}, not {Pids}";
        if (WallTime < Range.MinWallTime || WallTime > Range.MaxWallTime)
            errors["wallTime"] = $"must be between {Range.MinWallTime.TotalSeconds} s and {Range.MaxWallTime.TotalDays} days, not {WallTime}";
        if (OutputBytes is < Range.MinOutputBytes or > Range.MaxOutputBytes)
            errors["outputBytes"] = $"must be between {Range.MinOutputBytes} (1 KiB) and {Range.MaxOutputBytes} (16 GiB), not {OutputBytes}";
        if (TmpfsBytes < Range.MinTmpfsBytes || TmpfsBytes > MemoryBytes)
            errors["tmpfsBytes"] = $"must be between {Range.MinTmpfsBytes} (1 MiB) and the memory limit ({MemoryBytes}), not {TmpfsBytes}";
        return errors;
    }
}
