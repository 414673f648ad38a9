namespace Noa.Safety.Sbom.Parsing;

/// <summary>The snapshot's files by '/'-separated relative path, for parsers that read a neighbour (package.json next to yarn.lock).</summary>
internal sealed class FileSet(IReadOnlyList<(string Path, byte[] Content)> files)
{
    private readonly Dictionary<string, byte[]> byPath = files
        .GroupBy(f => Normalize(f.Path), StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First().Content, StringComparer.Ordinal);

    public IEnumerable<string> Paths => byPath.Keys.Order(StringComparer.Ordinal);

    public byte[] this[string path] => byPath[path];

    public static string Normalize(string path) => path.Replace('\\', '/').TrimStart('.', '/');

    public static string Directory(string path) => path.LastIndexOf('/') is var i and >= 0 ? path[..i] : "";

    public static string Join(string dir, string name) => dir.Length == 0 ? name : $"{dir}/{name}";

    public byte[]? Get(string path) => byPath.GetValueOrDefault(path);

    public byte[]? Sibling(string path, string name) => byPath.GetValueOrDefault(Join(Directory(path), name));

    public bool HasSibling(string path, string name) => byPath.ContainsKey(Join(Directory(path), name));

    /// <summary>The nearest file of that name in the file's folder or above it, with its path.</summary>
    public (string Path, byte[] Content)? Ancestor(string path, string name)
    {
        for (var dir = Directory(path); ; dir = Directory(dir))
        {
            var candidate = Join(dir, name);
            if (byPath.TryGetValue(candidate, out var content))
            {
                return (candidate, content);
            }
            if (dir.Length == 0)
            {
                return null;
            }
        }
    }
}
