namespace Noa.Abstractions;

/// <summary>An artifact of a run: a bundle path bound to content in the artifact store.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Path">Bundle path, e.g. <c>profile.json</c> or <c>env/Dockerfile</c>.</param>
/// <param name="Sha256">Lower-case hex sha256 of the content.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="MediaType">IANA media type.</param>
/// <param name="Stage">The stage that wrote it.</param>
public sealed record RunArtifact(string RunId, string Path, string Sha256, long Size, string MediaType, string Stage);
