using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Bundles.OciLayout;

/// <summary>
/// Bundles in OCI image layout folders (image-spec <c>image-layout.md</c>), one per repository under the root:
/// <c>oci-layout</c>, <c>index.json</c> and <c>blobs/sha256/…</c>, readable by <c>skopeo</c>/<c>oras</c> as
/// <c>oci:ROOT/REPOSITORY:TAG</c>. Every manifest is listed in <c>index.json</c> (a tag is its
/// <c>org.opencontainers.image.ref.name</c> annotation), so referrers are found there by their subject. Blobs are written
/// under a temporary name, checked, then renamed: a blob is whole or absent. <c>index.json</c> is rewritten the same way
/// under a lock file, so two processes (a worker, the CLI) never lose each other's entries.
/// </summary>
internal sealed class OciLayoutStore(IOptions<OciLayoutSettings> options) : IBundleRegistry
{
    private static readonly byte[] LayoutFile = """{"imageLayoutVersion":"1.0.0"}"""u8.ToArray();
    private readonly string _root = Path.GetFullPath(RequireRoot(options.Value.Root));
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Location => "oci-layout:" + _root;

    public Task<bool> BlobExistsAsync(string repository, string digest, CancellationToken cancellationToken = default) =>
        Task.FromResult(File.Exists(BlobPath(repository, digest)));

    public async Task PushBlobAsync(string repository, string digest, long size, Func<CancellationToken, Task<Stream>> open,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var target = BlobPath(repository, digest);
        if (File.Exists(target))
        {
            progress?.Report(size);
            return;
        }
        EnsureLayout(repository);
        var temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            long written = 0;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var source = await open(cancellationToken))
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    written += read;
                    progress?.Report(written);
                }
            }
            var actual = OciDigest.Prefix + Convert.ToHexStringLower(hash.GetHashAndReset());
            if (actual != digest || written != size)
                throw new InvalidDataException($"blob content is {actual} ({written} bytes), not the {digest} ({size} bytes) it was pushed as; nothing was stored");
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Task<Stream?> OpenBlobAsync(string repository, string digest, CancellationToken cancellationToken = default)
    {
        var path = BlobPath(repository, digest);
        try
        {
            return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public async Task<OciDescriptor> PushManifestAsync(string repository, ReadOnlyMemory<byte> content, string mediaType,
        CancellationToken cancellationToken = default)
    {
        var manifest = ManifestFacts.Read(content, mediaType);
        foreach (var blob in manifest.Blobs)
        {
            if (!File.Exists(BlobPath(repository, blob)))
                throw new BundleRegistryException($"{Location}/{repository}: manifest names blob {blob}, which is not stored; push blobs first");
        }
        var digest = OciDigest.Of(content.Span);
        var descriptor = new OciDescriptor { MediaType = mediaType, Digest = digest, Size = content.Length, ArtifactType = manifest.ArtifactType };
        await PushBlobAsync(repository, digest, content.Length, _ => Task.FromResult<Stream>(new MemoryStream(content.ToArray(), writable: false)),
            cancellationToken: cancellationToken);
        await UpdateIndexAsync(repository, entries =>
        {
            if (entries.Any(e => e.Digest == digest))
                return null;
            return [.. entries, descriptor];
        }, cancellationToken);
        return descriptor;
    }

    public async Task<StoredManifest?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        OciNames.RequireReference(reference);
        var index = await ReadIndexAsync(repository, cancellationToken);
        var entry = OciDigest.IsValid(reference)
            ? index.Manifests.FirstOrDefault(e => e.Digest == reference)
            : index.Manifests.FirstOrDefault(e => TagOf(e) == reference);
        if (entry is null)
            return null;
        var content = await File.ReadAllBytesAsync(BlobPath(repository, entry.Digest), cancellationToken);
        return new StoredManifest(entry with { Annotations = null }, content);
    }

    public async Task TagAsync(string repository, string tag, string digest, CancellationToken cancellationToken = default)
    {
        if (!OciNames.IsTag(tag))
            throw new ArgumentException($"'{tag}' is not a valid tag.", nameof(tag));
        OciDigest.Require(digest);
        await UpdateIndexAsync(repository, entries =>
        {
            if (entries.FirstOrDefault(e => TagOf(e) == tag) is { } tagged)
                return tagged.Digest == digest ? null : throw new BundleTagConflictException(repository, tag, tagged.Digest, digest);
            var untagged = entries.FirstOrDefault(e => e.Digest == digest)
                ?? throw new BundleRegistryException($"{Location}/{repository}: no manifest {digest} to tag '{tag}'; push it first");
            var annotations = new Dictionary<string, string>(untagged.Annotations ?? new Dictionary<string, string>()) { [OciMediaTypes.RefNameAnnotation] = tag };
            var named = untagged with { Annotations = annotations };
            // One entry per tag: an untagged entry takes the tag, a tagged one is kept and another entry added.
            return TagOf(untagged) is null
                ? [.. entries.Select(e => ReferenceEquals(e, untagged) ? named : e)]
                : [.. entries, named];
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<OciDescriptor>> GetReferrersAsync(string repository, string digest, string? artifactType = null,
        CancellationToken cancellationToken = default)
    {
        OciDigest.Require(digest);
        var index = await ReadIndexAsync(repository, cancellationToken);
        var found = new List<OciDescriptor>();
        foreach (var entry in index.Manifests.DistinctBy(e => e.Digest))
        {
            if (entry.MediaType != OciMediaTypes.ImageManifest || (artifactType is not null && entry.ArtifactType != artifactType))
                continue;
            var manifest = OciJson.Parse<OciManifest>(await File.ReadAllBytesAsync(BlobPath(repository, entry.Digest), cancellationToken));
            if (manifest.Subject?.Digest == digest)
                found.Add(entry with { ArtifactType = manifest.ArtifactType ?? manifest.Config.MediaType, Annotations = manifest.Annotations });
        }
        return found;
    }

    public Task<ReferrersMode> GetReferrersModeAsync(string repository, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReferrersMode.LayoutIndex);

    private static string? TagOf(OciDescriptor entry) =>
        entry.Annotations is { } a && a.TryGetValue(OciMediaTypes.RefNameAnnotation, out var tag) ? tag : null;

    private string Folder(string repository) => Path.Combine(_root, OciNames.RequireRepository(repository));

    private string BlobPath(string repository, string digest) =>
        Path.Combine(Folder(repository), "blobs", "sha256", OciDigest.Require(digest)[OciDigest.Prefix.Length..]);

    private void EnsureLayout(string repository)
    {
        var folder = Folder(repository);
        Directory.CreateDirectory(Path.Combine(folder, "blobs", "sha256"));
        var layout = Path.Combine(folder, "oci-layout");
        if (!File.Exists(layout))
            WriteAtomically(layout, LayoutFile);
    }

    private async Task<OciIndex> ReadIndexAsync(string repository, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Folder(repository), "index.json");
        try
        {
            return OciJson.Parse<OciIndex>(await File.ReadAllBytesAsync(path, cancellationToken));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new OciIndex();
        }
    }

    // Read, change and replace index.json under the in-process gate and a lock file other processes respect too.
    private async Task UpdateIndexAsync(string repository, Func<IReadOnlyList<OciDescriptor>, IReadOnlyList<OciDescriptor>?> change,
        CancellationToken cancellationToken)
    {
        EnsureLayout(repository);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var fileLock = await LockAsync(Path.Combine(Folder(repository), "index.json.lock"), cancellationToken);
            var index = await ReadIndexAsync(repository, cancellationToken);
            if (change(index.Manifests) is { } changed)
                WriteAtomically(Path.Combine(Folder(repository), "index.json"), OciJson.Serialize(index with { Manifests = changed }));
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    private static void WriteAtomically(string path, byte[] content)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temp, content);
        File.Move(temp, path, overwrite: true);
    }

    private static string RequireRoot(string root) =>
        string.IsNullOrWhiteSpace(root) ? throw new InvalidOperationException("Noa:Bundles:Layout:Root is not set: the OCI layout store needs a folder") : root;
}
