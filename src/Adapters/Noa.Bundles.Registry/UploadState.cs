using System.Security.Cryptography;
using System.Text;

namespace Noa.Bundles.Registry;

/// <summary>
/// Where a chunked upload is on the registry (its upload URL), kept in a file per repository and digest so a process that
/// dies mid-push, or a worker that takes the push over, resumes it. Only the URL is kept: how much the registry has is
/// asked of the registry itself.
/// </summary>
internal sealed class UploadState(string? folder)
{
    public string? Load(Uri registry, string repository, string digest)
    {
        if (folder is null)
            return null;
        var path = PathOf(registry, repository, digest);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    public void Save(Uri registry, string repository, string digest, Uri location)
    {
        if (folder is null)
            return;
        Directory.CreateDirectory(folder);
        var path = PathOf(registry, repository, digest);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, location.AbsoluteUri);
        File.Move(temp, path, overwrite: true);
    }

    public void Forget(Uri registry, string repository, string digest)
    {
        // Nothing recorded (a single-PUT upload, or a folder not made yet) is nothing to forget.
        if (folder is not null && Directory.Exists(folder))
            File.Delete(PathOf(registry, repository, digest));
    }

    private string PathOf(Uri registry, string repository, string digest)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{registry.AbsoluteUri}\n{repository}\n{digest}")));
        return Path.Combine(folder!, key[..32] + ".upload");
    }
}
