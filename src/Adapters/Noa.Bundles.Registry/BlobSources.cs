using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Noa.Bundles.Registry;

/// <summary>
/// Where on a registry a blob was last seen (pushed, or found by HEAD): the repository a push to another repository of the
/// same registry mounts it from (distribution-spec cross-repository mount) instead of sending its bytes again. Kept in memory
/// and, with a folder, in a file per registry and digest, so the next process mounts too. Only a hint: the registry checks
/// that the blob is there and that the client may read it, and answers with a plain upload when not.
/// </summary>
internal sealed class BlobSources(string? folder)
{
    private readonly ConcurrentDictionary<string, string> _known = new(StringComparer.Ordinal);

    public string? Find(Uri registry, string digest)
    {
        var key = Key(registry, digest);
        if (_known.TryGetValue(key, out var repository))
            return repository;
        var path = PathOf(key);
        return path is not null && File.Exists(path) ? File.ReadAllText(path).Trim() is { Length: > 0 } read ? _known[key] = read : null : null;
    }

    public void Record(Uri registry, string digest, string repository)
    {
        var key = Key(registry, digest);
        if (_known.TryGetValue(key, out var known) && known == repository)
            return;
        _known[key] = repository;
        if (PathOf(key) is not { } path)
            return;
        Directory.CreateDirectory(folder!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, repository);
        File.Move(temp, path, overwrite: true);
    }

    private static string Key(Uri registry, string digest) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{registry.AbsoluteUri}\n{digest}")))[..32];

    private string? PathOf(string key) => folder is null ? null : Path.Combine(folder, key + ".from");
}
