namespace Noa.Embeddings.Chunking;

/// <summary>The fields of a kg.json node that chunking needs.</summary>
internal sealed record KgDefinition(string Id, string Kind, string Name, string? Language, string? File, int[]? Range,
    string? Signature, string? Doc)
{
    public (int Line, int Col) Start => (Range![0], Range[1]);

    public (int Line, int Col) End => (Range![2], Range[3]);

    public bool Contains(KgDefinition other) => Start.CompareTo(other.Start) <= 0 && End.CompareTo(other.End) >= 0;
}
