namespace Noa.Abstractions;

/// <summary>What <see cref="IVectorStore.ListHashesAsync"/> returns for one record.</summary>
public sealed record StoredChunk(string Id, string ContentHash, string Model);
