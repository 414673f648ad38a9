using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>A run's artifacts as one stage sees them: content goes to the artifact store, the path binding to the run store.</summary>
internal sealed class RunArtifacts(string runId, string stage, IArtifactStore store, IRunStore runs) : IRunArtifacts
{
    public async Task<ArtifactRef> WriteAsync(string path, Stream content, string mediaType, CancellationToken cancellationToken = default)
    {
        BundlePath.Validate(path, nameof(path));
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        var stored = await store.PutAsync(content, cancellationToken);
        await runs.SaveArtifactAsync(new RunArtifact(runId, path, stored.Sha256, stored.Size, mediaType, stage), cancellationToken);
        return stored;
    }

    public async Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var artifacts = await runs.GetArtifactsAsync(runId, cancellationToken);
        var artifact = artifacts.FirstOrDefault(a => string.Equals(a.Path, path, StringComparison.Ordinal));
        return artifact is null ? null : await store.OpenReadAsync(artifact.Sha256, cancellationToken);
    }

    public Task<ArtifactRef> PutBlobAsync(Stream content, CancellationToken cancellationToken = default) =>
        store.PutAsync(content, cancellationToken);
}
