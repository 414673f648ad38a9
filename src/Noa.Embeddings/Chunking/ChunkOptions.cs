using Noa.Embeddings.Tokens;

namespace Noa.Embeddings.Chunking;

/// <summary>How chunks are sized.</summary>
public sealed record ChunkOptions
{
    /// <summary>Token budget per chunk; all-MiniLM-L6-v2 was trained on 256 (it cuts at 512).</summary>
    public int MaxTokens { get; init; } = 256;

    /// <summary>Lines repeated between consecutive windows of a split chunk.</summary>
    public int OverlapLines { get; init; } = 2;

    /// <summary>The model's tokenizer; MiniLM's by default.</summary>
    public ITokenCounter Tokens { get; init; } = MiniLmTokenCounter.Shared;
}
