namespace Noa.Embeddings.Chunking;

/// <summary>Chunks of a source, and the files named in the graph that could not be read.</summary>
/// <param name="Chunks">Ordered by path, then by definition start.</param>
/// <param name="Unreadable">Paths the graph names that the file reader returned nothing for.</param>
public sealed record ChunkResult(IReadOnlyList<Chunk> Chunks, IReadOnlyList<string> Unreadable);
