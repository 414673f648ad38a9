namespace Noa.Embeddings.Search;

/// <summary>How <see cref="ChunkSearch"/> ranks.</summary>
public enum SearchMode
{
    /// <summary>Meaning and words, fused by reciprocal rank (the default).</summary>
    Hybrid,

    /// <summary>Cosine similarity of embeddings only.</summary>
    Vector,

    /// <summary>Keyword ranking (BM25 / full-text) only.</summary>
    Text,
}
