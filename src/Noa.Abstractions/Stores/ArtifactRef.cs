namespace Noa.Abstractions;

/// <summary>A reference to immutable content in the artifact store.</summary>
/// <param name="Sha256">Lower-case hex sha256 of the content: its address.</param>
/// <param name="Size">Size in bytes.</param>
public readonly record struct ArtifactRef(string Sha256, long Size);
