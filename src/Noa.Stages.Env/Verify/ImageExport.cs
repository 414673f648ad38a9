using Noa.Abstractions;

namespace Noa.Stages.Env.Verify;

/// <summary>
/// Keeps a verified image for the Registrar: exported by the builder as an OCI image layout into a scratch folder, then every file
/// of it written as a run artifact under <see cref="EnvImages.Prefix"/><c>&lt;app&gt;/</c>, streamed from disk, so it reaches the
/// Registrar through the artifact store however the stages are spread over workers.
/// </summary>
internal static class ImageExport
{
    /// <summary>Exports <paramref name="tag"/> as <paramref name="app"/>'s layout and returns its manifest digest.</summary>
    public static async Task<string> WriteAsync(IImageBuilder builder, string tag, string app, IRunArtifacts artifacts, CancellationToken cancellationToken)
    {
        var scratch = Path.Combine(Path.GetTempPath(), $"noa-env-export-{Guid.NewGuid():N}");
        try
        {
            var manifest = await builder.ExportAsync(tag, scratch, cancellationToken).ConfigureAwait(false);
            // Blobs first, the index last: a layout whose index is stored names only blobs already stored.
            var files = Directory.EnumerateFiles(scratch, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(scratch, f).Replace('\\', '/'))
                .OrderBy(f => f == "index.json").ThenBy(f => f, StringComparer.Ordinal);
            foreach (var file in files)
            {
                await using var content = File.OpenRead(Path.Combine(scratch, file));
                var mediaType = file == "index.json" ? OciMediaTypes.ImageIndex : file == "oci-layout" ? "application/json" : "application/octet-stream";
                await artifacts.WriteAsync($"{EnvImages.Prefix}{app}/{file}", content, mediaType, cancellationToken).ConfigureAwait(false);
            }
            return manifest.Digest;
        }
        finally
        {
            if (Directory.Exists(scratch))
                Directory.Delete(scratch, recursive: true);
        }
    }
}
