namespace Noa.Safety.Secrets;

/// <summary>How a <see cref="SecretScanner"/> is built. Without a config the default pack runs.</summary>
public sealed record SecretScanOptions
{
    /// <summary>A Gitleaks-format TOML file (e.g. <c>.gitleaks.toml</c>); <c>[extend] useDefault</c> adds the default pack.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Gitleaks-format TOML text, used when <see cref="ConfigPath"/> is null.</summary>
    public string? ConfigToml { get; init; }

    /// <summary>Files larger than this are skipped with <see cref="SkipReason.TooLarge"/>. Below it a file of any size is
    /// scanned, in overlapping windows of a few MiB.</summary>
    public long MaxFileBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>A baseline file: a JSON list of fingerprints (or a Gitleaks JSON report) whose findings are suppressed.</summary>
    public string? BaselinePath { get; init; }

    /// <summary>Files scanned at once.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Time budget of one regex over one file.</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
