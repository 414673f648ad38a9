using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>The source snapshot read back from <c>snapshot.json</c>: file content comes from the artifact store.</summary>
internal sealed class SnapshotSourceTree(SourceManifest manifest, IArtifactStore store, string localRoot) : ISourceTree, IDisposable
{
    private readonly SemaphoreSlim _materialising = new(1, 1);
    private bool _materialised;

    /// <summary>Reads the run's <c>snapshot.json</c> through the stores; null while Intake has not written it.</summary>
    public static async Task<SnapshotSourceTree?> LoadAsync(string runId, IArtifactStore store, IRunStore runs, string localRoot,
        CancellationToken cancellationToken)
    {
        var artifacts = new RunArtifacts(runId, "", store, runs);
        await using var stream = await artifacts.OpenReadAsync(SourceManifest.BundlePath, cancellationToken);
        if (stream is null)
            return null;
        var manifest = await JsonSerializer.DeserializeAsync<SourceManifest>(stream, WorkflowJson.Options, cancellationToken)
            ?? throw new InvalidDataException($"{SourceManifest.BundlePath} of run {runId} is empty.");
        return new SnapshotSourceTree(manifest, store, localRoot);
    }

    public string TreeHash => manifest.TreeHash;

    public IReadOnlyList<SourceFile> Files => manifest.Files;

    public async Task<Stream> OpenReadAsync(SourceFile file, CancellationToken cancellationToken = default) =>
        await store.OpenReadAsync(file.Sha256, cancellationToken)
            ?? throw new FileNotFoundException($"Content of '{file.Path}' ({file.Sha256}) is missing from the artifact store.", file.Path);

    /// <summary>
    /// Writes every file into a fresh folder and renames it into place, so an existing folder (from
    /// another attempt or process) is always complete and is reused as is.
    /// </summary>
    public async Task<string> GetLocalRootAsync(CancellationToken cancellationToken = default)
    {
        await _materialising.WaitAsync(cancellationToken);
        try
        {
            if (_materialised || Directory.Exists(localRoot))
            {
                _materialised = true;
                return localRoot;
            }
            var temp = $"{localRoot}.tmp-{Guid.NewGuid():N}";
            try
            {
                // Each file is one round trip to the store: a few in flight per core hide its latency (4,000 files
                // from an S3 server one after another took most of a stage's time).
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount * 4, CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(manifest.Files, parallel, (file, ct) => new ValueTask(WriteFileAsync(temp, file, ct)));
                Directory.CreateDirectory(temp);
                Directory.Move(temp, localRoot);
            }
            catch (IOException) when (Directory.Exists(localRoot))
            {
                // Another process materialised it first.
            }
            finally
            {
                if (Directory.Exists(temp))
                    Directory.Delete(temp, recursive: true);
            }
            _materialised = true;
            return localRoot;
        }
        finally
        {
            _materialising.Release();
        }
    }

    public void Dispose() => _materialising.Dispose();

    private async Task WriteFileAsync(string root, SourceFile file, CancellationToken cancellationToken)
    {
        var target = BundlePath.Resolve(root, file.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using (var source = await OpenReadAsync(file, cancellationToken))
        await using (var output = File.Create(target))
            await source.CopyToAsync(output, cancellationToken);
        if (file.Executable && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(target, File.GetUnixFileMode(target) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
    }
}
