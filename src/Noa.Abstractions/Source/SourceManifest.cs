using System.Security.Cryptography;
using System.Text;

namespace Noa.Abstractions;

/// <summary>
/// The list of files of a source snapshot, stored by Intake as <c>snapshot.json</c>; each file's
/// content lives in the artifact store under its sha256.
/// </summary>
/// <param name="Version">Format version.</param>
/// <param name="TreeHash">See <see cref="ComputeTreeHash"/>.</param>
/// <param name="Files">Every file, sorted by ordinal path.</param>
public sealed record SourceManifest(int Version, string TreeHash, IReadOnlyList<SourceFile> Files)
{
    /// <summary>The bundle path of the manifest.</summary>
    public const string BundlePath = "snapshot.json";

    /// <summary>Builds a manifest from files in any order.</summary>
    public static SourceManifest Create(IEnumerable<SourceFile> files)
    {
        var sorted = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToArray();
        return new SourceManifest(1, ComputeTreeHash(sorted), sorted);
    }

    /// <summary>
    /// <c>sha256:</c> + hex sha256 over one line per file in ordinal path order:
    /// <c>{mode} {sha256} {path}\n</c>, where mode is <c>755</c> or <c>644</c>. Independent of
    /// timestamps, owners and file-system order, so the same content always hashes the same.
    /// </summary>
    public static string ComputeTreeHash(IEnumerable<SourceFile> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var f in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{(f.Executable ? "755" : "644")} {f.Sha256} {f.Path}\n"));
        }
        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
