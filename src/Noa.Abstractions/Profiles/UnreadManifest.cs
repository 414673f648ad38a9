namespace Noa.Abstractions.Profiles;

/// <summary>
/// A manifest the Classifier could not read (not valid TOML, JSON or XML; larger than it reads): the build system is
/// still known by the file's name, but its dependencies, frameworks and licence are missing from the profile.
/// </summary>
/// <param name="Path">The file, relative to the source root.</param>
/// <param name="Reason">Why it was not read, with the parser's own words (line and column where it gives them).</param>
public sealed record UnreadManifest(string Path, string Reason);
