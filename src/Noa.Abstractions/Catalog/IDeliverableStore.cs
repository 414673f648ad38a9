namespace Noa.Abstractions;

/// <summary>
/// Where the Registrar puts a run's zipped deliverable beside its OCI artifact: an object store with versions (S3, MinIO),
/// configured where the artifact store is S3. Absent (no registration) on the embedded stores.
/// </summary>
public interface IDeliverableStore
{
    /// <summary>Where deliverables go, for messages and records (e.g. <c>s3://bucket/prefix</c>).</summary>
    string Location { get; }

    /// <summary>
    /// Stores <paramref name="content"/> (<paramref name="size"/> bytes, SHA-256 <paramref name="sha256"/> in lower-case hex) under
    /// <paramref name="key"/> (relative to the store's prefix). When the key already holds an object with that SHA-256 (a retry),
    /// its version is answered and nothing is sent again.
    /// </summary>
    /// <exception cref="DeliverableRefusedException">The store refused (credentials, permissions, a missing bucket): not worth retrying.</exception>
    Task<CatalogDeliverable> PutAsync(string key, Stream content, long size, string sha256, CancellationToken cancellationToken = default);
}
