namespace Noa.Abstractions;

/// <summary>
/// Content-addressed, immutable blob storage: content is stored under its sha256 and never changes.
/// Putting the same content twice stores it once. Implementations: a folder, S3.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Stores the stream's content and returns its address.</summary>
    Task<ArtifactRef> PutAsync(Stream content, CancellationToken cancellationToken = default);

    /// <summary>Opens stored content for reading, or returns null when the address is unknown.</summary>
    Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>Whether content with this address is stored.</summary>
    Task<bool> ExistsAsync(string sha256, CancellationToken cancellationToken = default);
}
