namespace Noa.Abstractions;

/// <summary>What <see cref="IVectorStore.ListHashesAsync"/> returns for one record: enough to tell whether a chunk is stored
/// as it is now (same content, model and scope) or needs its record rewritten.</summary>
public sealed record StoredChunk(string Id, string ContentHash, string Model, string Scope = "");
