using System.Security.Cryptography;
using System.Text;
using Noa.Abstractions;

namespace Noa.Testing;

/// <summary>A snapshot of in-memory files.</summary>
public sealed class MemorySourceTree : ISourceTree
{
    private readonly Dictionary<string, byte[]> _content;

    public MemorySourceTree(params (string Path, string Content)[] files)
    {
        _content = files.ToDictionary(f => f.Path, f => Encoding.UTF8.GetBytes(f.Content), StringComparer.Ordinal);
        Files = SourceManifest.Create(files.Select(f => new SourceFile(f.Path, Convert.ToHexStringLower(SHA256.HashData(_content[f.Path])), _content[f.Path].Length))).Files;
    }

    public string TreeHash => "sha256:test";

    public IReadOnlyList<SourceFile> Files { get; }

    public Task<Stream> OpenReadAsync(SourceFile file, CancellationToken cancellationToken = default) =>
        Task.FromResult<Stream>(new MemoryStream(_content[file.Path], writable: false));

    public Task<string> GetLocalRootAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

/// <summary>A snapshot of a folder on disk (a corpus), read in place.</summary>
public sealed class DirectorySourceTree : ISourceTree
{
    private readonly string _root;

    public DirectorySourceTree(string root)
    {
        _root = root;
        Files = SourceManifest.Create(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(p => !File.GetAttributes(p).HasFlag(FileAttributes.ReparsePoint))
            .Select(p => new SourceFile(Path.GetRelativePath(root, p).Replace('\\', '/'), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(p))), new FileInfo(p).Length))).Files;
    }

    public string TreeHash => "sha256:test";

    public IReadOnlyList<SourceFile> Files { get; }

    public Task<Stream> OpenReadAsync(SourceFile file, CancellationToken cancellationToken = default) =>
        Task.FromResult<Stream>(File.OpenRead(Path.Combine(_root, file.Path)));

    public Task<string> GetLocalRootAsync(CancellationToken cancellationToken = default) => Task.FromResult(_root);
}
