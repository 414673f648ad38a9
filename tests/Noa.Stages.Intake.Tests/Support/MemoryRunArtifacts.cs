using System.Collections.Concurrent;
using System.Security.Cryptography;
using Noa.Abstractions;

namespace Noa.Stages.Intake.Tests.Support;

/// <summary>A real, in-memory <see cref="IRunArtifacts"/>: blobs by sha256, bundle paths to blobs.</summary>
internal sealed class MemoryRunArtifacts : IRunArtifacts
{
    public ConcurrentDictionary<string, byte[]> Blobs { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, (string Sha256, string MediaType)> Paths { get; } = new(StringComparer.Ordinal);

    public async Task<ArtifactRef> WriteAsync(string path, Stream content, string mediaType, CancellationToken cancellationToken = default)
    {
        var stored = await PutBlobAsync(content, cancellationToken);
        Paths[path] = (stored.Sha256, mediaType);
        return stored;
    }

    public Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken = default) =>
        Task.FromResult<Stream?>(Paths.TryGetValue(path, out var entry) ? new MemoryStream(Blobs[entry.Sha256], writable: false) : null);

    public async Task<ArtifactRef> PutBlobAsync(Stream content, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Blobs[sha] = bytes;
        return new ArtifactRef(sha, bytes.Length);
    }
}
