namespace Noa.Abstractions;

/// <summary>A found chunk and its score (higher is better; its scale depends on the search that produced it).</summary>
public sealed record VectorHit(string Id, double Score, string Text, ChunkMetadata Metadata);
