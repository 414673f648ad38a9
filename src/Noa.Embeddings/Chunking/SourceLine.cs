namespace Noa.Embeddings.Chunking;

/// <summary>A line of a chunk's body and the 1-based line of the file it stands for.</summary>
internal readonly record struct SourceLine(int Number, string Text);
