namespace Noa.Safety.Secrets;

/// <summary>A file not scanned (or not fully scanned), and why.</summary>
/// <param name="Path">The file.</param>
/// <param name="Reason">The kind of reason.</param>
/// <param name="Detail">Human-readable detail (size, rule id, error).</param>
public sealed record SkippedFile(string Path, SkipReason Reason, string Detail);

/// <summary>Why a file was skipped.</summary>
public enum SkipReason
{
    /// <summary>Larger than <see cref="SecretScanOptions.MaxFileBytes"/>.</summary>
    TooLarge,
    /// <summary>Contains NUL bytes: binary content.</summary>
    Binary,
    /// <summary>A global allowlist path matches it.</summary>
    AllowlistedPath,
    /// <summary>A rule's regex exceeded its time budget on this file; other rules still ran.</summary>
    RegexTimeout,
    /// <summary>The file could not be read.</summary>
    Unreadable,
}
