using System.Collections.Concurrent;

namespace Noa.Sandbox.Bubblewrap;

/// <summary>
/// The top level of a root file system as bubblewrap binds it: each folder read-only, each link recreated, the
/// kernel's and scratch folders left out (they are mounted fresh). For the host root only what programs need:
/// <c>/usr</c>, its merged links (<c>/bin</c>, <c>/lib</c>…), and <c>/etc</c>. Read once per root and cached.
/// </summary>
internal sealed class RootLayout
{
    private static readonly HashSet<string> Fresh = new(StringComparer.Ordinal) { "proc", "dev", "sys", "tmp", "run" };
    private static readonly HashSet<string> HostEntries = new(StringComparer.Ordinal) { "usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32", "etc" };
    private static readonly ConcurrentDictionary<string, RootLayout> Cache = new(StringComparer.Ordinal);

    private RootLayout(IReadOnlyList<(string Name, string? LinkTarget, bool IsDirectory)> entries) => Entries = entries;

    /// <summary>Each top-level entry: its name, the target when it is a link, and whether it is a folder.</summary>
    public IReadOnlyList<(string Name, string? LinkTarget, bool IsDirectory)> Entries { get; }

    /// <summary>The layout of <paramref name="rootFs"/>, or of the host's root when null.</summary>
    public static RootLayout Of(string? rootFs) => Cache.GetOrAdd(rootFs ?? "/", root => Read(root, rootFs is null));

    /// <summary>Forgets a root's layout (its image mount was released).</summary>
    public static void Forget(string rootFs) => Cache.TryRemove(rootFs, out _);

    private static RootLayout Read(string root, bool host)
    {
        var entries = new List<(string, string?, bool)>();
        foreach (var path in Directory.EnumerateFileSystemEntries(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (Fresh.Contains(name) || (host && !HostEntries.Contains(name)))
                continue;
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target)
                entries.Add((name, target, false));
            else
                entries.Add((name, null, Directory.Exists(path)));
        }
        return new RootLayout(entries);
    }
}
