using System.Security.Cryptography;

namespace Noa.Artifacts.S3;

/// <summary>
/// Content copied to a temporary file while hashing: the key (its sha256) must be known before the upload
/// starts, and the source may be unseekable and larger than memory. The file goes when this is disposed.
/// </summary>
internal sealed class SpooledContent : IAsyncDisposable
{
    private SpooledContent(FileStream file, byte[] sha256, long size) => (File, Sha256, Size) = (file, sha256, size);

    /// <summary>The spooled bytes, positioned at the start.</summary>
    public FileStream File { get; }

    /// <summary>The raw sha256 of the content.</summary>
    public byte[] Sha256 { get; }

    /// <summary>The lower-case hex sha256: the content's address.</summary>
    public string Address => Convert.ToHexStringLower(Sha256);

    /// <summary>Size in bytes.</summary>
    public long Size { get; }

    public static async Task<SpooledContent> CopyAsync(Stream content, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"noa-s3-{Guid.NewGuid():N}");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long size = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                size += read;
            }
            await file.FlushAsync(cancellationToken);
            file.Position = 0;
            return new SpooledContent(file, hash.GetHashAndReset(), size);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => File.DisposeAsync();
}
