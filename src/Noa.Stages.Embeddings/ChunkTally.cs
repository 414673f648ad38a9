using Noa.Embeddings.Models;

namespace Noa.Stages.Embeddings;

/// <summary>Counts of the chunks read, kept as they stream past (the chunks themselves are not kept).</summary>
internal sealed class ChunkTally
{
    private readonly Dictionary<ContentKind, int> byKind = [];
    private long tokens;
    private int maxTokens;
    private int windows;

    public int Total { get; private set; }

    public int Of(ContentKind kind) => byKind.GetValueOrDefault(kind);

    public void Add(KindedChunk chunk)
    {
        Total++;
        byKind[chunk.Kind] = Of(chunk.Kind) + 1;
        tokens += chunk.Chunk.TokenCount;
        maxTokens = Math.Max(maxTokens, chunk.Chunk.TokenCount);
        if (chunk.Chunk.Part > 0)
            windows++;
    }

    public EmbeddingsReport.TokenStats Tokens() => new(Total == 0 ? 0 : Math.Round((double)tokens / Total, 1), maxTokens, windows);
}
