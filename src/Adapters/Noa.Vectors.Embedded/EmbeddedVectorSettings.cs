namespace Noa.Vectors.Embedded;

/// <summary>Settings of the embedded vector store.</summary>
public sealed class EmbeddedVectorSettings
{
    /// <summary>The folder holding <c>vectors.db</c> (SQLite: chunks, metadata, FTS5) and one <c>.vec</c> snapshot per collection; created when missing.</summary>
    public string Folder { get; set; } = ".noa/vectors";
}
