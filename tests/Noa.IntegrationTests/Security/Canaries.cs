using System.Security.Cryptography;

namespace Noa.IntegrationTests.Security;

/// <summary>
/// Files planted outside every folder an attack may write to, with their content hash and time, and the listing of
/// those folders: <see cref="AssertUntouched"/> fails if any canary changed or vanished, or anything appeared beside them.
/// </summary>
internal sealed class Canaries
{
    private readonly Dictionary<string, (string Hash, DateTime Written)> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _listings = new(StringComparer.Ordinal);

    public static Canaries Plant(params string[] folders)
    {
        var canaries = new Canaries();
        foreach (var folder in folders)
        {
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, "canary.txt");
            File.WriteAllText(file, $"canary {Guid.NewGuid():N}\n");
            canaries._files[file] = (Hash(file), File.GetLastWriteTimeUtc(file));
            canaries._listings[folder] = List(folder);
        }
        return canaries;
    }

    public void AssertUntouched()
    {
        foreach (var (file, (hash, written)) in _files)
        {
            Assert.True(File.Exists(file), $"canary {file} is gone");
            Assert.Equal((hash, written), (Hash(file), File.GetLastWriteTimeUtc(file)));
        }
        foreach (var (folder, listing) in _listings)
            Assert.Equal(listing, List(folder));
    }

    private static string Hash(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    private static string[] List(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
}
