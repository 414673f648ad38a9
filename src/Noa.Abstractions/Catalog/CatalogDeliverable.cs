namespace Noa.Abstractions;

/// <summary>The zipped bundle uploaded to an object store beside the OCI artifact.</summary>
/// <param name="Key">The object key.</param>
/// <param name="VersionId">The object version the upload made, when the bucket keeps versions.</param>
/// <param name="Sha256">The zip's SHA-256, lower-case hex.</param>
/// <param name="Size">The zip's size in bytes.</param>
public sealed record CatalogDeliverable(string Key, string? VersionId, string Sha256, long Size);
