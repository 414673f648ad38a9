using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>
/// Writes a run's bundle to a folder: every artifact by its bundle path, except the source snapshot manifest. Nothing inside
/// the folder is followed: each file is written under a temporary name beside its target and renamed over it, so a link
/// already at the target is replaced, not written through, and a failed write (a full disk) leaves no partial file; a folder
/// on the way that is a link, or a file where a folder belongs, is refused.
/// </summary>
public sealed class BundleExporter(IRunStore runs, IArtifactStore artifacts)
{
    /// <summary>Copies the artifacts of <paramref name="runId"/> into <paramref name="outDir"/> and returns how many were written.</summary>
    /// <exception cref="InvalidDataException">A stored path is unsafe or stored content is missing.</exception>
    /// <exception cref="IOException">A folder on the way is a link or a file, or a write failed (the message says which file).</exception>
    public async Task<int> ExportAsync(string runId, string outDir, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        var root = Path.GetFullPath(outDir);
        Directory.CreateDirectory(root);
        var count = 0;
        foreach (var artifact in await runs.GetArtifactsAsync(runId, cancellationToken))
        {
            if (artifact.Path == SourceManifest.BundlePath)
                continue;
            if (!BundlePath.IsValid(artifact.Path))
                throw new InvalidDataException($"Run {runId} has an unsafe artifact path '{artifact.Path}'.");
            var target = BundlePath.Resolve(root, artifact.Path);
            CreateFolders(root, artifact.Path);
            await using var content = await artifacts.OpenReadAsync(artifact.Sha256, cancellationToken)
                ?? throw new InvalidDataException($"Content of '{artifact.Path}' ({artifact.Sha256}) is missing from the artifact store.");
            await WriteAsync(content, target, cancellationToken);
            count++;
        }
        return count;
    }

    // Each folder between the root and the file, made or checked one level at a time, never through a link.
    private static void CreateFolders(string root, string path)
    {
        var folder = root;
        var segments = path.Split('/');
        foreach (var segment in segments[..^1])
        {
            folder = Path.Combine(folder, segment);
            var info = new DirectoryInfo(folder);
            if (info.LinkTarget is not null)
                throw new IOException($"'{folder}' is a symbolic link; a bundle is never written through links (remove it or choose another --out).");
            if (File.Exists(folder))
                throw new IOException($"'{folder}' is a file where the bundle needs a folder.");
            if (!info.Exists)
                info.Create();
        }
    }

    private static async Task WriteAsync(Stream content, string target, CancellationToken cancellationToken)
    {
        if (Directory.Exists(target) && new DirectoryInfo(target).LinkTarget is null)
            throw new IOException($"'{target}' is a folder where the bundle writes a file.");
        // CreateNew never opens an existing entry (nor follows a link placed at the temporary name).
        var temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(output, cancellationToken);
                await output.FlushAsync(cancellationToken);
            }
            // rename(2): replaces whatever entry is at the target, a link included, without following it.
            File.Move(temp, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            TryDelete(temp);
            if (e is OperationCanceledException)
                throw;
            throw new IOException($"could not write '{target}': {e.Message}", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the temporary name starts with a dot and ends in .tmp.
        }
    }
}
