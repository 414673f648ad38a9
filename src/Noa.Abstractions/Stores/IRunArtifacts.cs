namespace Noa.Abstractions;

/// <summary>The artifacts of one run, by bundle path, as seen from a stage.</summary>
public interface IRunArtifacts
{
    /// <summary>Stores content under a bundle path of the run (e.g. <c>profile.json</c>).</summary>
    Task<ArtifactRef> WriteAsync(string path, Stream content, string mediaType, CancellationToken cancellationToken = default);

    /// <summary>Opens an artifact of the run, or returns null when the run has no such path.</summary>
    Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Stores raw content that has no bundle path of its own (e.g. source files of the snapshot).</summary>
    Task<ArtifactRef> PutBlobAsync(Stream content, CancellationToken cancellationToken = default);
}
