using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Stages.Intake;

/// <summary>Puts every collected file into the artifact store and writes <c>snapshot.json</c>. Runs only after
/// a source was read in full and passed every check, so refused input leaves nothing half-written.</summary>
internal static class SnapshotWriter
{
    public static async Task<SourceManifest> WriteAsync(IReadOnlyList<CollectedFile> files, StageContext context, CancellationToken cancellationToken)
    {
        var ordered = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToArray();
        var written = new SourceFile[ordered.Length];
        var done = 0;
        var gate = new Lock();
        // Storing is I/O bound (read, hash, write, rename): a few files in flight per core keep the disk busy.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount * 4, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, ordered.Length), parallel, async (i, ct) =>
        {
            var file = ordered[i];
            ArtifactRef stored;
            // Empty files are not opened: FIFOs and devices also report length 0, and opening one would block.
            if (new FileInfo(file.LocalPath).Length == 0)
            {
                using var empty = new MemoryStream([], writable: false);
                stored = await context.Artifacts.PutBlobAsync(empty, ct).ConfigureAwait(false);
            }
            else
            {
                await using var content = new FileStream(file.LocalPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: false);
                stored = await context.Artifacts.PutBlobAsync(content, ct).ConfigureAwait(false);
            }
            written[i] = new SourceFile(file.Path, stored.Sha256, stored.Size, file.Executable);
            // Reports stay serial and in order (1, 2, … n), whichever file finishes first.
            lock (gate)
                context.Progress.Report(new StageProgress(++done, ordered.Length, "files", file.Path));
        }).ConfigureAwait(false);
        var manifest = SourceManifest.Create(written);
        await WriteJsonAsync(context, SourceManifest.BundlePath, manifest, cancellationToken).ConfigureAwait(false);
        return manifest;
    }

    public static async Task WriteJsonAsync<T>(StageContext context, string path, T value, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await JsonSerializer.SerializeAsync(buffer, value, IntakeJson.Options, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        await context.Artifacts.WriteAsync(path, buffer, "application/json", cancellationToken).ConfigureAwait(false);
    }
}
