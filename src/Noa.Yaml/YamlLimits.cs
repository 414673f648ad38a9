namespace Noa.Yaml;

/// <summary>
/// What one YAML document may cost before it is refused. Every limit is checked while the parser streams its events,
/// before anything is built, so a refusal costs at most the limit's worth of work.
/// </summary>
public sealed record YamlLimits
{
    /// <summary>The limits for documents of unknown origin: generous for real files (Kubernetes manifests, OpenAPI
    /// documents, lockfiles of tens of megabytes), far below what a bomb needs.</summary>
    public static YamlLimits Default { get; } = new();

    /// <summary>Characters of the document (a read of more stops there).</summary>
    public long MaxChars { get; init; } = 64L * 1024 * 1024;

    /// <summary>Nesting of mappings and sequences (flow <c>[[[[…</c> costs the parser quadratic time in its depth).</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>Nodes once every alias is expanded: a "billion laughs" of a few hundred bytes names 10^9 of them, and
    /// anything that walks the document pays for each.</summary>
    public long MaxNodes { get; init; } = 10_000_000;

    /// <summary>Aliases (<c>*name</c>) in the document.</summary>
    public int MaxAliases { get; init; } = 100_000;

    /// <summary>Characters of one scalar (key or value).</summary>
    public int MaxScalarChars { get; init; } = 8 * 1024 * 1024;

    /// <summary>Wall time of the parse; the cancellation token of the read is honoured as well, both inside the scanner.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromSeconds(30);
}
