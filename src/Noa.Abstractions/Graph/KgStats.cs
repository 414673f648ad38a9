namespace Noa.Abstractions.Graph;

/// <summary>Counts.</summary>
public sealed class KgStats
{
    /// <summary>Files parsed now.</summary>
    public int Parsed { get; set; }

    /// <summary>Files whose facts came from the cache (unchanged content).</summary>
    public int Cached { get; set; }

    /// <summary>Files parsed with syntax errors (partial facts).</summary>
    public int Partial { get; set; }

    /// <summary>Files skipped, by reason.</summary>
    public SortedDictionary<string, int> Skipped { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Files per language.</summary>
    public SortedDictionary<string, int> Languages { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Nodes per kind.</summary>
    public SortedDictionary<string, int> Nodes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Edges per kind.</summary>
    public SortedDictionary<string, int> Edges { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Calls and type references that resolved to nothing in the source (library calls, dynamic dispatch).</summary>
    public int UnresolvedReferences { get; set; }
}
