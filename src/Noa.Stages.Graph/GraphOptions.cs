namespace Noa.Stages.Graph;

/// <summary>Options of the Graph Extract stage, bound from <c>Noa:Graph</c>.</summary>
public sealed class GraphOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Noa:Graph";

    /// <summary>Files larger than this are skipped with a reason (generated bundles, data in code).</summary>
    public int MaxFileBytes { get; set; } = 1024 * 1024;

    /// <summary>A file whose parse takes longer is skipped with a reason.</summary>
    public int ParseTimeoutSeconds { get; set; } = 20;

    /// <summary>Also parse files the Classifier marked vendored or generated (node_modules, vendor/, *.pb.go).</summary>
    public bool IncludeVendored { get; set; }

    /// <summary>Files parsed at once; 0 means one per processor.</summary>
    public int MaxDegreeOfParallelism { get; set; }

    /// <summary>Where per-file facts are cached by content hash (so an unchanged file is never parsed twice); null
    /// disables the cache. The CLI and server set it to <c>$NOA_HOME/cache/graph</c>.</summary>
    public string? CacheDirectory { get; set; }
}
