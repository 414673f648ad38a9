using System.Text;

namespace Noa.Stages.Graph.Output.Card;

/// <summary>
/// The module diagram: directories collapsed to the shallowest depth that gives at least 3 modules (the deepest when
/// none does), of which the 15 largest are drawn, each labelled with its file count; an edge where a
/// DEPENDS_ON edge joins directories of two modules, labelled with the files of one that import files of the other.
/// </summary>
internal static class ModuleDiagram
{
    public const int MinModules = 3;
    public const int MaxModules = 15;

    public static void Write(StringBuilder md, GraphIndex index)
    {
        md.Append("## Modules and dependencies\n\n");
        var files = index.OfKind("file").Select(n => n.File!).ToList();
        if (files.Count == 0)
        {
            md.Append("The graph has no source files, so there are no modules to draw.\n\n");
            return;
        }
        var depth = ChooseDepth(files);
        var counts = files.GroupBy(f => Module(Dir(f), depth)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var shown = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(MaxModules)
            .Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
        var ids = MermaidIds(shown);
        var edges = new SortedDictionary<(string, string), HashSet<string>>();
        foreach (var e in index.Graph.Edges.Where(e => e.Kind == "DEPENDS_ON"))
        {
            if (index.Nodes.GetValueOrDefault(e.Src) is { Kind: "directory" } a && index.Nodes.GetValueOrDefault(e.Dst) is { Kind: "directory" } b
                && Module(a.File!, depth) is var from && Module(b.File!, depth) is var to && from != to && ids.ContainsKey(from) && ids.ContainsKey(to))
            {
                edges.TryAdd((from, to), new HashSet<string>(StringComparer.Ordinal));
            }
        }
        // The label: files of the source module that import a file of the target module.
        foreach (var e in index.Graph.Edges.Where(e => e.Kind == "IMPORTS"))
        {
            if (index.Nodes.GetValueOrDefault(e.Src) is { Kind: "file" } a && index.Nodes.GetValueOrDefault(e.Dst) is { Kind: "file" } b
                && edges.TryGetValue((Module(Dir(a.File!), depth), Module(Dir(b.File!), depth)), out var importers))
            {
                importers.Add(a.File!);
            }
        }
        md.Append($"{Md.N(files.Count)} files in {Md.N(counts.Count)} modules (directories {Depth(depth)}); an arrow is an import between them, labelled with the number of importing files.");
        md.Append(counts.Count > shown.Count ? $" The {Md.N(shown.Count)} largest are drawn.\n\n" : "\n\n");
        md.Append("```mermaid\ngraph LR\n");
        foreach (var module in shown)
        {
            md.Append($"  {ids[module]}[\"{Label(module)}<br/>{Md.N(counts[module])} files\"]\n");
        }
        foreach (var ((from, to), importers) in edges)
        {
            md.Append(importers.Count > 0 ? $"  {ids[from]} -->|{Md.N(importers.Count)}| {ids[to]}\n" : $"  {ids[from]} --> {ids[to]}\n");
        }
        md.Append("```\n\n");
        if (edges.Count == 0)
        {
            md.Append("No imports between these modules resolved to files in the source.\n\n");
        }
    }

    private static string Depth(int depth) => depth == 1 ? "1 level deep" : $"{depth} levels deep";

    // The shallowest depth with at least 3 modules (more than 15 are cut to the largest); the deepest when none has 3.
    internal static int ChooseDepth(IReadOnlyList<string> files)
    {
        var dirs = files.Select(Dir).Distinct(StringComparer.Ordinal).ToList();
        var max = Math.Max(1, dirs.Max(d => d.Length == 0 ? 0 : d.Count(c => c == '/') + 1));
        for (var depth = 1; depth <= max; depth++)
        {
            if (dirs.Select(d => Module(d, depth)).Distinct(StringComparer.Ordinal).Count() >= MinModules)
            {
                return depth;
            }
        }
        return max;
    }

    internal static string Module(string dir, int depth)
    {
        if (dir.Length == 0 || dir == ".")
        {
            return ".";
        }
        var parts = dir.Split('/');
        return parts.Length <= depth ? dir : string.Join('/', parts.Take(depth));
    }

    private static string Dir(string path) => Path.GetDirectoryName(path)?.Replace('\\', '/') ?? "";

    private static string Label(string module) => module == "." ? "(root)" : module
        .Replace("&", "#amp;", StringComparison.Ordinal).Replace("\"", "#quot;", StringComparison.Ordinal)
        .Replace("<", "#lt;", StringComparison.Ordinal).Replace(">", "#gt;", StringComparison.Ordinal);

    // Mermaid node ids: m_ + the path with every other character as _ (so no keyword such as `end`), made unique.
    private static Dictionary<string, string> MermaidIds(IEnumerable<string> modules)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            var stem = "m_" + new string(module.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
            var id = stem;
            for (var n = 2; !used.Add(id); n++)
            {
                id = $"{stem}_{n}";
            }
            ids[module] = id;
        }
        return ids;
    }
}
