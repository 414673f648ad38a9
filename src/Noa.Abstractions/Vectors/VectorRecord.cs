namespace Noa.Abstractions;

/// <summary>One chunk to store: its id, embedding, the text keyword search ranks, and where it came from.</summary>
public sealed record VectorRecord(string Id, ReadOnlyMemory<float> Vector, string Text, ChunkMetadata Metadata);
