namespace Noa.Abstractions;

/// <summary>
/// Where published bundles live: an OCI store of repositories holding blobs, manifests, tags and referrers. Implementations:
/// an OCI image layout folder (embedded default), an OCI distribution registry. Blobs and manifests are content-addressed;
/// tags are <b>immutable</b> (<see cref="TagAsync"/> refuses to move one). A manifest with a <c>subject</c> is a referrer of
/// it and is listed by <see cref="GetReferrersAsync"/>, whichever way the store keeps referrers (<see cref="ReferrersMode"/>).
/// </summary>
public interface IBundleRegistry
{
    /// <summary>Where this store is, for messages and records (e.g. <c>oci-layout:/home/u/.local/share/noa/oci</c>, <c>http://127.0.0.1:5000</c>).</summary>
    string Location { get; }

    /// <summary>Whether a blob is stored in the repository.</summary>
    Task<bool> BlobExistsAsync(string repository, string digest, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a blob unless it is there already. The content is checked against <paramref name="digest"/> and
    /// <paramref name="size"/>: a mismatch stores nothing. Large blobs are uploaded in chunks and resumed after a fault.
    /// </summary>
    /// <param name="repository">The repository.</param>
    /// <param name="digest">The content's digest.</param>
    /// <param name="size">The content's size.</param>
    /// <param name="open">Opens the content; called again when an upload restarts from the beginning.</param>
    /// <param name="progress">Receives the bytes sent so far.</param>
    /// <param name="cancellationToken">Cancels the upload (an uploaded prefix may be resumed later).</param>
    /// <exception cref="InvalidDataException">The content does not match the digest or size.</exception>
    /// <exception cref="BundleRegistryException">The store refused or could not be reached.</exception>
    Task PushBlobAsync(string repository, string digest, long size, Func<CancellationToken, Task<Stream>> open, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default);

    /// <summary>Opens a blob, or returns null when the repository has no such blob.</summary>
    Task<Stream?> OpenBlobAsync(string repository, string digest, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a manifest (or index) by its digest, untagged, and returns its descriptor. Every blob it names must be stored
    /// first. A manifest with a subject becomes a referrer of that subject.
    /// </summary>
    Task<OciDescriptor> PushManifestAsync(string repository, ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken = default);

    /// <summary>Reads a manifest by tag or digest, or returns null when there is none.</summary>
    Task<StoredManifest?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken = default);

    /// <summary>
    /// Points <paramref name="tag"/> at a stored manifest. Writing the digest it already names does nothing; naming another
    /// is refused with <see cref="BundleTagConflictException"/> and changes nothing.
    /// </summary>
    Task TagAsync(string repository, string tag, string digest, CancellationToken cancellationToken = default);

    /// <summary>The manifests whose subject is <paramref name="digest"/>, optionally only of one artifact type.</summary>
    Task<IReadOnlyList<OciDescriptor>> GetReferrersAsync(string repository, string digest, string? artifactType = null,
        CancellationToken cancellationToken = default);

    /// <summary>How this store keeps referrers (probed once for a registry).</summary>
    Task<ReferrersMode> GetReferrersModeAsync(string repository, CancellationToken cancellationToken = default);
}
