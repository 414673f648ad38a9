using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>Writes a run's bundle to a folder: every artifact by its bundle path, except the source snapshot manifest.</summary>
public sealed class BundleExporter(IRunStore runs, IArtifactStore artifacts)
{
    /// <summary>Copies the artifacts of <paramref name="runId"/> into <paramref name="outDir"/> and returns how many were written.</summary>
    /// <exception cref="InvalidDataException">A stored path is unsafe or stored content is missing.</exception>
    public async Task<int> ExportAsync(string runId, string outDir, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        var count = 0;
        foreach (var artifact in await runs.GetArtifactsAsync(runId, cancellationToken))
        {
            if (artifact.Path == SourceManifest.BundlePath)
                continue;
            if (!BundlePath.IsValid(artifact.Path))
                throw new InvalidDataException($"Run {runId} has an unsafe artifact path '{artifact.Path}'.");
            var target = BundlePath.Resolve(outDir, artifact.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using var content = await artifacts.OpenReadAsync(artifact.Sha256, cancellationToken)
                ?? throw new InvalidDataException($"Content of '{artifact.Path}' ({artifact.Sha256}) is missing from the artifact store.");
            await using var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None);
            await content.CopyToAsync(output, cancellationToken);
            count++;
        }
        return count;
    }
}
