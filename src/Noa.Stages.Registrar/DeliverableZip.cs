using System.IO.Compression;
using System.Security.Cryptography;
using Noa.Abstractions;

namespace Noa.Stages.Registrar;

/// <summary>
/// The zipped deliverable of a bundle: every bundle file at its path, and the bundle's OCI manifest as <c>.oci/manifest.json</c>
/// (so the zip names the digest it was made from). Written to a temporary file that is deleted when disposed. Entry times are
/// the run's creation time and entries are in path order, so a retry of the same run makes the same bytes, hence the same
/// SHA-256, and the store answers the version it already holds.
/// </summary>
internal sealed class DeliverableZip : IAsyncDisposable
{
    private DeliverableZip(FileStream file, long size, string sha256) => (File, Size, Sha256) = (file, size, sha256);

    public FileStream File { get; }

    public long Size { get; }

    public string Sha256 { get; }

    /// <summary>The key by source and run: <c>[TENANT/]SOURCE/RUN.zip</c>.</summary>
    public static string KeyFor(RunRecord run, SourceFacts source) =>
        (run.Request.Tenant == Tenants.Local ? "" : OciNames.Component(run.Request.Tenant) + "/") + source.Name() + "/" + OciNames.Component(run.RunId) + ".zip";

    public static async Task<DeliverableZip> CreateAsync(RunRecord run, IReadOnlyList<RunArtifact> files, byte[] manifest,
        Func<RunArtifact, CancellationToken, Task<Stream>> open, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"noa-deliverable-{Guid.NewGuid():N}.zip");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var time = run.CreatedAt.ToUniversalTime();
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var artifact in files.OrderBy(f => f.Path, StringComparer.Ordinal))
                {
                    var entry = zip.CreateEntry(artifact.Path, CompressionLevel.Fastest);
                    entry.LastWriteTime = time;
                    await using var target = entry.Open();
                    await using var content = await open(artifact, cancellationToken);
                    await content.CopyToAsync(target, cancellationToken);
                }
                var oci = zip.CreateEntry(".oci/manifest.json", CompressionLevel.Fastest);
                oci.LastWriteTime = time;
                await using (var target = oci.Open())
                    await target.WriteAsync(manifest, cancellationToken);
            }
            file.Position = 0;
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
            file.Position = 0;
            return new DeliverableZip(file, file.Length, sha);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => File.DisposeAsync();
}
