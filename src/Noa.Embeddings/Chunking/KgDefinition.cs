using Noa.Abstractions.Graph;

namespace Noa.Embeddings.Chunking;

/// <summary>The fields of a kg.json node that chunking needs.</summary>
internal sealed record KgDefinition(string Id, string Kind, string Name, string? Language, string File, TextRange Range,
    string? Signature, string? Doc)
{
    public (int Line, int Col) Start => (Range.StartLine, Range.StartColumn);

    public (int Line, int Col) End => (Range.EndLine, Range.EndColumn);

    public bool Contains(KgDefinition other) => Start.CompareTo(other.Start) <= 0 && End.CompareTo(other.End) >= 0;
}
