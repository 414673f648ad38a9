using Noa.Embeddings.Chunking;

namespace Noa.Bench.Embeddings;

/// <summary>The fields of a kg.json node the bench reads (the Chunker reads the same ones).</summary>
internal sealed record KgNode(string Id, string Kind, string Name, string? Language, string? File, int[]? Range,
    string? Signature, string? Doc);

/// <summary>One language of the retrieval bench: kg.json files with the folders they describe.</summary>
/// <param name="Name">Collection name and table label.</param>
/// <param name="Languages">kg.json language ids that belong to it.</param>
/// <param name="Parts">(kg.json, source root) pairs.</param>
internal sealed record Target(string Name, string[] Languages, IReadOnlyList<(string KgJson, string Root)> Parts);

/// <summary>A function of a pool; Key is unique across the target's parts.</summary>
internal sealed record Function(string Key, int Part, KgNode Node)
{
    public int StartLine => Node.Range![0];
    public int EndLine => Node.Range![2];
}

/// <summary>A query (the first sentence of a function's doc) and the function that answers it.</summary>
internal sealed record Query(string Text, string Doc, Function Answer);

/// <summary>A chunk of a pool function, with its record id in the store.</summary>
internal sealed record PoolChunk(string RecordId, string FunctionKey, Chunk Chunk);

/// <summary>The indexed pool and the queries of one language.</summary>
internal sealed record LanguageSet(string Name, IReadOnlyList<PoolChunk> Chunks, IReadOnlyList<Query> Queries, int PoolFunctions,
    int Candidates, int DroppedForLeaks);
