namespace Noa.Stages.Classifier;

/// <summary>One file of <c>files.json</c>.</summary>
/// <param name="Path">Path.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Category">classified, other, vendored, generated, documentation or binary.</param>
/// <param name="Language">Detected language, if any.</param>
public sealed record FileEntry(string Path, long Size, string Category, string? Language);
