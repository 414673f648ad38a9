using System.Security.Cryptography;
using Noa.Abstractions;

namespace Noa.Stages.Registrar;

/// <summary>
/// Brings a published bundle into a folder: each layer at its title (its bundle path), byte for byte, checked against its
/// digest while it is written (a file that does not match is not left behind); under <c>.oci/</c> the manifest as stored and,
/// per referrer, <c>.oci/referrers/&lt;hex&gt;/</c> with its manifest and layers. Every file is written under a temporary
/// name and renamed; a title that is not a safe relative path is refused.
/// </summary>
public sealed class BundlePuller(IBundleRegistry registry)
{
    /// <summary>Pulls <paramref name="repository"/>:<paramref name="reference"/> into <paramref name="outDir"/> and returns the files written.</summary>
    /// <exception cref="InvalidDataException">The bundle is missing, malformed, or content does not match its digest.</exception>
    public async Task<IReadOnlyList<string>> PullAsync(string repository, string reference, string outDir, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(outDir);
        var stored = await registry.GetManifestAsync(repository, reference, cancellationToken)
            ?? throw new InvalidDataException($"{registry.Location}: there is no {repository} {reference}");
        var manifest = stored.Manifest();
        if (manifest.ArtifactType != OciMediaTypes.Bundle)
            throw new InvalidDataException($"{repository} {reference} is a {manifest.ArtifactType ?? manifest.Config.MediaType}, not a noa bundle");
        var written = new List<string>();
        foreach (var layer in manifest.Layers)
            written.Add(await WriteBlobAsync(repository, layer, root, TitleOf(layer), cancellationToken));
        written.Add(await WriteAsync(Path.Combine(root, ".oci", "manifest.json"), stored.Content.ToArray(), cancellationToken));

        foreach (var referrer in await registry.GetReferrersAsync(repository, stored.Descriptor.Digest, cancellationToken: cancellationToken))
        {
            var folder = Path.Combine(root, ".oci", "referrers", referrer.Hex);
            var content = await registry.GetManifestAsync(repository, referrer.Digest, cancellationToken)
                ?? throw new InvalidDataException($"referrer {referrer.Digest} of {repository} is listed but not stored");
            written.Add(await WriteAsync(Path.Combine(folder, "manifest.json"), content.Content.ToArray(), cancellationToken));
            foreach (var layer in content.Manifest().Layers)
                written.Add(await WriteBlobAsync(repository, layer, folder, TitleOf(layer), cancellationToken));
        }
        return written;
    }

    private static string TitleOf(OciDescriptor layer)
    {
        var title = layer.Annotations is { } a && a.TryGetValue(OciMediaTypes.TitleAnnotation, out var t) ? t : layer.Hex;
        var unsafePath = string.IsNullOrEmpty(title) || title.StartsWith('/') || title.Contains('\\') || title.Contains(':') || title.Any(char.IsControl)
                         || title.Split('/').Any(s => s is "" or "." or ".." or ".oci");
        return unsafePath ? throw new InvalidDataException($"layer {layer.Digest} has the title '{title}', which is not a safe relative path") : title;
    }

    private async Task<string> WriteBlobAsync(string repository, OciDescriptor layer, string root, string title, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(Path.Combine(root, title));
        if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidDataException($"'{title}' leaves the output folder");
        await using var source = await registry.OpenBlobAsync(repository, OciDigest.Require(layer.Digest), cancellationToken)
            ?? throw new InvalidDataException($"{title} ({layer.Digest}) is not stored in {repository}");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    size += read;
                }
            }
            var actual = OciDigest.Prefix + Convert.ToHexStringLower(hash.GetHashAndReset());
            if (actual != layer.Digest || size != layer.Size)
                throw new InvalidDataException($"{title}: the store served {actual} ({size} bytes) for {layer.Digest} ({layer.Size} bytes)");
            File.Move(temp, target, overwrite: true);
            return target;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static async Task<string> WriteAsync(string target, byte[] content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = $"{target}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temp, content, cancellationToken);
        File.Move(temp, target, overwrite: true);
        return target;
    }
}
