namespace Noa.Safety.Rules;

/// <summary>A file to scan: its path as reported, its grammar (<c>python</c>, …) and how to open it; opening is
/// asynchronous so that a source behind a network or an archive never blocks a worker of the parallel scan.</summary>
public sealed record SourceFile(string Path, string Language, Func<CancellationToken, Task<Stream>> Open);

/// <summary>Where a finding is: one-based lines, one-based columns in UTF-16 code units (SARIF's default), end exclusive.</summary>
public readonly record struct TextRange(int StartLine, int StartColumn, int EndLine, int EndColumn);

/// <summary>One match of a rule.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Path">The file, as given in <see cref="SourceFile.Path"/>.</param>
/// <param name="Range">The <c>@finding</c> capture's range.</param>
/// <param name="Message">The rule's message with its <c>$captures</c> filled in.</param>
/// <param name="Severity">The rule's severity.</param>
/// <param name="Cwe">The rule's CWE ids.</param>
/// <param name="Snippet">The first line of the finding's text (at most 200 characters).</param>
/// <param name="Fingerprint">Stable across moves of the code within the file: rule, finding text, and the count of
/// earlier identical findings in the file.</param>
/// <param name="Suppression">The comment that suppresses it (<c>nosec</c>, <c>noa:ignore …</c>), or null.</param>
public sealed record Finding(
    string RuleId,
    string Path,
    TextRange Range,
    string Message,
    RuleSeverity Severity,
    IReadOnlyList<string> Cwe,
    string Snippet,
    string Fingerprint,
    string? Suppression);

/// <summary>A file that was not scanned, or not completely, and why.</summary>
/// <param name="Path">The file.</param>
/// <param name="Reason">Why, for people.</param>
/// <param name="Kind">Why, for the policy.</param>
public sealed record SkippedFile(string Path, string Reason, SkipKind Kind);

/// <summary>Kinds of <see cref="SkippedFile"/>.</summary>
public enum SkipKind
{
    /// <summary>The pack has no rules for the file's language.</summary>
    NoRules,

    /// <summary>Larger than <see cref="ScanOptions.MaxFileBytes"/>.</summary>
    TooLarge,

    /// <summary>A NUL byte near the start: binary content.</summary>
    Binary,

    /// <summary>The content could not be read.</summary>
    Unreadable,

    /// <summary>The parse did not finish within <see cref="ScanOptions.ParseTimeout"/>.</summary>
    Timeout,
}

/// <summary>What a scan found: findings ordered by path, position and rule (suppressed ones included, marked), and
/// the files it skipped.</summary>
public sealed record ScanResult(IReadOnlyList<Finding> Findings, IReadOnlyList<SkippedFile> Skipped, int FilesScanned);

/// <summary>Limits of a scan.</summary>
public sealed record ScanOptions
{
    /// <summary>Files larger than this are skipped (generated and minified code is where parsers spend their time).</summary>
    public long MaxFileBytes { get; init; } = 1 << 20;

    /// <summary>A parse that takes longer gives up and the file is skipped.</summary>
    public TimeSpan ParseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Threads; 0 for one per processor.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>Run a grammar's rules as one query (one walk of the tree) rather than one query per rule.</summary>
    public bool CombineQueries { get; init; } = true;
}
