namespace Noa.Gateway;

/// <summary>An artifact of a run as listed by <c>GET /runs/{id}/artifacts</c>.</summary>
/// <param name="Path">Bundle path.</param>
/// <param name="Sha256">Content address, also the download's ETag.</param>
/// <param name="Size">Bytes.</param>
/// <param name="MediaType">Media type of the download.</param>
/// <param name="Stage">The stage that wrote it.</param>
/// <param name="Href">Where to download it.</param>
internal sealed record ArtifactView(string Path, string Sha256, long Size, string MediaType, string Stage, string Href);
