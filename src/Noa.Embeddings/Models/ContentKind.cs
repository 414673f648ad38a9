namespace Noa.Embeddings.Models;

/// <summary>What a chunk holds, for choosing its model.</summary>
public enum ContentKind
{
    /// <summary>Source code.</summary>
    Code,

    /// <summary>Docs and config.</summary>
    Docs,
}
