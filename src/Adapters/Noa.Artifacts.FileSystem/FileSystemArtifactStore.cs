using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Artifacts.FileSystem;

/// <summary>
/// Content-addressed folder: content lives at <c>objects/ab/cdef…</c> under its sha256. Writes go to a
/// temporary file while hashing and are renamed into place, so a reader (or another process) never
/// sees a partial object, and two writers of the same content both end with the one complete file.
/// </summary>
public sealed class FileSystemArtifactStore : IArtifactStore
{
    private const UnixFileMode ReadOnlyMode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private readonly string _objects;
    private readonly string _tmp;

    /// <summary>Creates the store over <see cref="FileSystemArtifactSettings.Root"/>.</summary>
    public FileSystemArtifactStore(IOptions<FileSystemArtifactSettings> settings)
    {
        var root = Path.GetFullPath(settings.Value.Root);
        _objects = Path.Combine(root, "objects");
        _tmp = Path.Combine(root, "tmp");
    }

    /// <inheritdoc />
    public async Task<ArtifactRef> PutAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.CanSeek && await TryFindStoredAsync(content, cancellationToken) is { } known)
            return known;
        Directory.CreateDirectory(_tmp);
        var temp = Path.Combine(_tmp, Guid.NewGuid().ToString("N"));
        try
        {
            var (sha, size) = await CopyHashingAsync(content, temp, cancellationToken);
            var target = PathOf(sha);
            if (!File.Exists(target))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                MakeReadOnly(temp);
                try
                {
                    File.Move(temp, target, overwrite: false);
                }
                catch (IOException) when (File.Exists(target))
                {
                    // Another writer stored the same content first; theirs is identical.
                }
            }
            return new ArtifactRef(sha, size);
        }
        finally
        {
            DeleteTemp(temp);
        }
    }

    /// <inheritdoc />
    public Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (!IsAddress(sha256))
            return Task.FromResult<Stream?>(null);
        try
        {
            Stream stream = new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: false);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string sha256, CancellationToken cancellationToken = default) =>
        Task.FromResult(IsAddress(sha256) && File.Exists(PathOf(sha256)));

    // Re-digesting unchanged content is the common case: hash a seekable stream first and skip the write
    // (temp file, chmod, rename) when the object exists; otherwise rewind for the copy.
    private async Task<ArtifactRef?> TryFindStoredAsync(Stream content, CancellationToken cancellationToken)
    {
        var start = content.Position;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            size += read;
        }
        var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (File.Exists(PathOf(sha)))
            return new ArtifactRef(sha, size);
        content.Position = start;
        return null;
    }

    private string PathOf(string sha256) => Path.Combine(_objects, sha256[..2], sha256[2..]);

    // Anything but 64 lower-case hex digits is refused before it reaches a path, so an address can never climb out of objects/.
    private static bool IsAddress(string? sha256) =>
        sha256 is { Length: 64 } && sha256.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private static async Task<(string Sha, long Size)> CopyHashingAsync(Stream content, string temp, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: false))
        {
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                size += read;
            }
            await file.FlushAsync(cancellationToken);
        }
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    private static void MakeReadOnly(string path)
    {
        if (OperatingSystem.IsWindows())
            File.SetAttributes(path, FileAttributes.ReadOnly);
        else
            File.SetUnixFileMode(path, ReadOnlyMode);
    }

    private static void DeleteTemp(string temp)
    {
        if (!File.Exists(temp))
            return;
        File.SetAttributes(temp, FileAttributes.Normal);
        File.Delete(temp);
    }
}
