using System.Security.Cryptography;
using System.Text;

namespace Noa.Safety.Secrets.Scanning;

internal static class Fingerprints
{
    public static string Location(string? commit, string path, string rule, int line) =>
        commit is null ? $"{path}:{rule}:{line}" : $"{commit}:{path}:{rule}:{line}";

    /// <summary>Rule, path and secret: stays the same when the secret's line moves; 16 bytes of SHA-256.</summary>
    public static string Content(string path, string rule, string secret)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{rule}\0{path}\0{secret}"), hash);
        return "sha256:" + Convert.ToHexStringLower(hash[..16]);
    }
}
