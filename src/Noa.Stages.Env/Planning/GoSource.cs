using System.Text.RegularExpressions;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>
/// The Go packages a plan reads beyond the entry file: the main package the image builds (every non-test <c>.go</c> file of its
/// folder, the one the graph's first go-main entry is in after <see cref="GoMainRule"/>) and the packages of the same module it
/// imports, followed breadth-first a few levels deep (etcd's <c>main.go</c> → <c>etcdmain</c> → <c>embed</c>, where the listen
/// defaults are). Third-party packages are not read: their constants are not the app's.
/// </summary>
internal static partial class GoSource
{
    private const int MaxDepth = 3;
    private const int MaxFiles = 300;

    /// <summary>The main package's folder (relative to the repository), or null when the app has no go-main entry.</summary>
    public static string? MainFolder(AppFacts facts) =>
        facts.Entries.FirstOrDefault(e => GraphFacts.Prop(e, "kind") == "go-main" && e.File is not null)?.File is { } file ? FolderOf(file) : null;

    /// <summary>The non-test Go files of one package folder, in path order.</summary>
    public static IReadOnlyList<string> PackageFiles(string folder, SourceText files) =>
        [.. files.Paths.Where(p => FolderOf(p) == folder && p.EndsWith(".go", StringComparison.Ordinal) && !p.EndsWith("_test.go", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    /// <summary>The main package's files and texts.</summary>
    public static async Task<IReadOnlyList<(string Path, string Text)>> MainPackageAsync(AppFacts facts, SourceText files, CancellationToken ct) =>
        MainFolder(facts) is { } folder ? await ReadAllAsync(PackageFiles(folder, files), files, ct).ConfigureAwait(false) : [];

    /// <summary>The module path go.mod's <c>module</c> line names, or null without one.</summary>
    public static async Task<string?> ModulePathAsync(string root, SourceText files, CancellationToken ct) =>
        await files.ReadAsync(SourceText.Join(root, "go.mod"), ct).ConfigureAwait(false) is { } goMod && ModuleLine().Match(goMod) is { Success: true } m
            ? m.Groups["m"].Value
            : null;

    /// <summary>The files of the module's own packages the main package imports, directly or through each other (not the main's own).</summary>
    public static async Task<IReadOnlyList<(string Path, string Text)>> ImportedAsync(string root, AppFacts facts, SourceText files, CancellationToken ct)
    {
        if (MainFolder(facts) is not { } main || await ModulePathAsync(root, files, ct).ConfigureAwait(false) is not { } module)
            return [];
        var seen = new HashSet<string>(StringComparer.Ordinal) { main };
        var result = new List<(string, string)>();
        var level = new List<string> { main };
        for (var depth = 0; depth < MaxDepth && level.Count > 0 && result.Count < MaxFiles; depth++)
        {
            var next = new List<string>();
            foreach (var folder in level)
            {
                foreach (var (path, text) in await ReadAllAsync(PackageFiles(folder, files), files, ct).ConfigureAwait(false))
                {
                    if (folder != main)
                        result.Add((path, text));
                    foreach (var import in Imports(text).Where(i => i == module || i.StartsWith(module + "/", StringComparison.Ordinal)))
                    {
                        var target = SourceText.Join(root, import == module ? "" : import[(module.Length + 1)..]).TrimEnd('/');
                        if (seen.Add(target))
                            next.Add(target);
                    }
                }
            }
            level = next;
        }
        return result.Take(MaxFiles).ToList();
    }

    /// <summary>The import paths of a Go file (single imports and import blocks).</summary>
    public static IEnumerable<string> Imports(string text)
    {
        foreach (Match block in ImportBlock().Matches(text))
        {
            foreach (Match line in QuotedPath().Matches(block.Groups["b"].Value))
                yield return line.Groups["p"].Value;
        }
        foreach (Match single in SingleImport().Matches(text))
            yield return single.Groups["p"].Value;
    }

    private static async Task<IReadOnlyList<(string Path, string Text)>> ReadAllAsync(IReadOnlyList<string> paths, SourceText files, CancellationToken ct)
    {
        var result = new List<(string, string)>();
        foreach (var path in paths)
        {
            if (await files.ReadAsync(path, ct).ConfigureAwait(false) is { } text)
                result.Add((path, text));
        }
        return result;
    }

    /// <summary>A file's folder, relative to the repository (<c>""</c> for its root).</summary>
    internal static string FolderOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    [GeneratedRegex(@"(?m)^module\s+""?(?<m>[^\s""]+)")]
    private static partial Regex ModuleLine();

    [GeneratedRegex(@"(?ms)^import\s*\((?<b>.*?)^\)")]
    private static partial Regex ImportBlock();

    [GeneratedRegex(@"(?m)^\s*(?:[\w.]+\s+)?""(?<p>[^""]+)""")]
    private static partial Regex QuotedPath();

    [GeneratedRegex(@"(?m)^import\s+(?:[\w.]+\s+)?""(?<p>[^""]+)""")]
    private static partial Regex SingleImport();
}
