namespace Noa.Stages.Safety.Policy;

/// <summary>Why an engine did not scan an input: the keys of the policy's <c>skipped</c> rules and the reasons listed in
/// <c>safety.json</c>.</summary>
public static class SkipReasons
{
    /// <summary>Over an engine's size limit.</summary>
    public const string TooLarge = "too-large";

    /// <summary>Binary content: no text to scan.</summary>
    public const string Binary = "binary";

    /// <summary>Content that could not be read.</summary>
    public const string Unreadable = "unreadable";

    /// <summary>A lockfile, manifest or source file that does not parse.</summary>
    public const string Unparsable = "unparsable";

    /// <summary>A time budget ran out on it.</summary>
    public const string Timeout = "timeout";

    /// <summary>Left out by design: lockfiles for the secret rules, test-fixture manifests for the SBOM.</summary>
    public const string Excluded = "excluded";

    /// <summary>A package without a resolved version: nothing to match advisories against.</summary>
    public const string Unpinned = "unpinned";

    /// <summary>A package no advisory source could be asked about.</summary>
    public const string Unmatched = "unmatched";

    /// <summary>Every reason with what it does when a policy does not say (the embedded default policy says the same).</summary>
    public static IReadOnlyDictionary<string, Disposition> Defaults { get; } = new Dictionary<string, Disposition>(StringComparer.Ordinal)
    {
        [TooLarge] = Disposition.Warn,
        [Binary] = Disposition.Allow,
        [Unreadable] = Disposition.Deny,
        [Unparsable] = Disposition.Warn,
        [Timeout] = Disposition.Warn,
        [Excluded] = Disposition.Allow,
        [Unpinned] = Disposition.Allow,
        [Unmatched] = Disposition.Warn,
    };
}
