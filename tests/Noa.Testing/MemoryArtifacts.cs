using System.Text;
using Noa.Abstractions;

namespace Noa.Testing;

/// <summary>Run artifacts held in memory, readable by later stages.</summary>
public sealed class MemoryArtifacts : IRunArtifacts
{
    public Dictionary<string, byte[]> Files { get; } = [];

    public Dictionary<string, string> MediaTypes { get; } = [];

    public string Text(string path) => Encoding.UTF8.GetString(Files[path]);

    public async Task<ArtifactRef> WriteAsync(string path, Stream content, string mediaType, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        Files[path] = buffer.ToArray();
        MediaTypes[path] = mediaType;
        return new ArtifactRef(new string('0', 64), Files[path].Length);
    }

    public Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken = default) =>
        Task.FromResult<Stream?>(Files.TryGetValue(path, out var bytes) ? new MemoryStream(bytes, writable: false) : null);

    public Task<ArtifactRef> PutBlobAsync(Stream content, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
