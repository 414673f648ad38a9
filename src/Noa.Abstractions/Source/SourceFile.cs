namespace Noa.Abstractions;

/// <summary>One file of a source snapshot.</summary>
/// <param name="Path">Path relative to the source root, with <c>/</c> separators.</param>
/// <param name="Sha256">Lower-case hex sha256 of the content (its address in the artifact store).</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Executable">Whether the file has an executable bit.</param>
public sealed record SourceFile(string Path, string Sha256, long Size, bool Executable = false);
