using System.Text;
using Noa.Abstractions.Graph;

namespace Noa.Stages.Graph.Output.Card;

/// <summary>
/// "Modules": the units a reader navigates by. With two or more product projects (csproj, package.json, go.mod,
/// Cargo.toml, pyproject …) those are the modules, drawn with the references between them (declared by a manifest or
/// seen in imports). Otherwise the packages of the product code: the folders one level below the deepest folder
/// holding all of it (so <c>src/main/java/io/spring/api</c> is <c>api</c>, and a single <c>src/</c> is opened), drawn
/// with the imports between them. Tests, examples and benchmarks are not modules of the product.
/// </summary>
internal static class ModuleDiagram
{
    public const int MaxModules = 15;

    public static void Write(StringBuilder md, GraphIndex index)
    {
        md.Append("## Modules\n\n");
        var projects = index.Projects.Where(p => GraphIndex.Prop(p, "scope") == "product" && GraphIndex.Prop(p, "workspace").Length == 0).ToList();
        var tests = index.Projects.Where(p => GraphIndex.Prop(p, "scope") is "test" or "fixture").ToList();
        if (projects.Count >= 2)
        {
            Projects(md, index, projects, tests);
            return;
        }
        var files = index.OfKind("file").Where(n => n.File is not null && index.IsProduct(n.File)).Select(n => n.File!).ToList();
        if (files.Count == 0)
        {
            md.Append("The graph has no product source files, so there are no modules to draw.\n\n");
            return;
        }
        Packages(md, index, files);
        if (tests.Count > 0)
        {
            md.Append($"Test projects: {Md.List(tests.Select(t => Md.Code(t.File!)).ToList(), 10)}.\n\n");
        }
    }

    private static void Projects(StringBuilder md, GraphIndex index, List<KgNode> projects, List<KgNode> tests)
    {
        var ids = projects.ToDictionary(p => p.Id, p => p, StringComparer.Ordinal);
        var dependsOn = projects.ToDictionary(p => p.Id, p => index.Outgoing[p.Id].Where(e => e.Kind == "DEPENDS_ON" && ids.ContainsKey(e.Dst))
            .Select(e => e.Dst).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        md.Append($"{Md.Count(projects.Count, "project")} of the product");
        md.Append(tests.Count > 0 ? $" and {Md.Count(tests.Count, "test project")}" : "");
        md.Append("; an arrow is a reference (a manifest's, or imports between their files).\n\n");
        md.Append("| Project | Manifest | Builds | Files | Depends on |\n|---|---|---|---|---|\n");
        foreach (var p in projects.OrderBy(p => p.File, StringComparer.Ordinal))
        {
            var builds = string.Join(", ", new[] { GraphIndex.Prop(p, "ecosystem"), GraphIndex.Prop(p, "sdk"), GraphIndex.Prop(p, "output"), GraphIndex.Prop(p, "framework") }.Where(s => s.Length > 0));
            var deps = dependsOn[p.Id].Select(d => Md.Code(ids[d].Name)).ToList();
            md.Append($"| {Md.CodeCell(p.Name)} | {Md.Cell(p.File!)} | {Md.Cell(builds)} | {Md.N(Files(p))} | {Md.Cell(deps.Count == 0 ? "—" : Md.List(deps, 6))} |\n");
        }
        md.Append('\n');
        var shown = projects.OrderByDescending(Files).ThenBy(p => p.File, StringComparer.Ordinal).Take(20).ToList();
        var mermaid = MermaidIds(shown.Select(p => p.File!));
        md.Append("```mermaid\ngraph LR\n");
        foreach (var p in shown.OrderBy(p => p.File, StringComparer.Ordinal))
        {
            md.Append($"  {mermaid[p.File!]}[\"{Label(p.Name)}<br/>{Md.Count(Files(p), "file")}\"]\n");
        }
        foreach (var p in shown.OrderBy(p => p.File, StringComparer.Ordinal))
        {
            foreach (var d in dependsOn[p.Id].Where(d => mermaid.ContainsKey(ids[d].File!)))
            {
                md.Append($"  {mermaid[p.File!]} --> {mermaid[ids[d].File!]}\n");
            }
        }
        md.Append("```\n\n");
        if (projects.Count > shown.Count)
        {
            md.Append($"The {Md.N(shown.Count)} largest projects are drawn.\n\n");
        }
        if (tests.Count > 0)
        {
            md.Append($"Test projects: {Md.List(tests.Select(t => Md.Code(t.File!)).ToList(), 10)}.\n\n");
        }
    }

    private static int Files(KgNode project) => int.TryParse(GraphIndex.Prop(project, "files"), out var n) ? n : 0;

    private static void Packages(StringBuilder md, GraphIndex index, List<string> files)
    {
        var baseDir = Base(files);
        var modules = files.GroupBy(f => Module(baseDir, f)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var shown = modules.OrderByDescending(m => m.Value).ThenBy(m => m.Key, StringComparer.Ordinal).Take(MaxModules).Select(m => m.Key).Order(StringComparer.Ordinal).ToList();
        var edges = new SortedDictionary<(string, string), HashSet<string>>();
        foreach (var e in index.Graph.Edges.Where(e => e.Kind == "IMPORTS"))
        {
            if (index.Nodes.GetValueOrDefault(e.Src) is { Kind: "file", File: { } a } && index.Nodes.GetValueOrDefault(e.Dst) is { Kind: "file", File: { } b }
                && index.IsProduct(a) && index.IsProduct(b) && Module(baseDir, a) is var from && Module(baseDir, b) is var to && from != to
                && shown.Contains(from) && shown.Contains(to))
            {
                if (!edges.TryGetValue((from, to), out var importers))
                {
                    edges[(from, to)] = importers = new HashSet<string>(StringComparer.Ordinal);
                }
                importers.Add(a);
            }
        }
        var where = baseDir.Length == 0 ? "the repository root" : Md.Code(baseDir + "/");
        md.Append($"{Md.Count(files.Count, "product source file")} in {Md.Count(modules.Count, "package")} (the folders below {where}); ");
        md.Append("an arrow is an import, labelled with the number of importing files.");
        md.Append(modules.Count > shown.Count ? $" The {Md.N(shown.Count)} largest are drawn.\n\n" : "\n\n");
        var ids = MermaidIds(shown);
        md.Append("```mermaid\ngraph LR\n");
        foreach (var module in shown)
        {
            md.Append($"  {ids[module]}[\"{Label(module)}<br/>{Md.Count(modules[module], "file")}\"]\n");
        }
        foreach (var ((from, to), importers) in edges)
        {
            md.Append($"  {ids[from]} -->|{Md.N(importers.Count)}| {ids[to]}\n");
        }
        md.Append("```\n\n");
        if (edges.Count == 0 && shown.Count > 1)
        {
            md.Append("No imports between these packages resolved to files of the source.\n\n");
        }
    }

    /// <summary>The deepest folder holding every file, opened while one folder holds nearly all of them.</summary>
    internal static string Base(IReadOnlyList<string> files)
    {
        var dirs = files.Select(Dir).ToList();
        var common = dirs[0];
        foreach (var d in dirs.Skip(1))
        {
            while (common.Length > 0 && !GraphIndex.Under(d, common))
            {
                common = Dir(common);
            }
        }
        // One folder with nearly every file (src/ beside a setup.py): open it.
        for (var i = 0; i < 4; i++)
        {
            var groups = files.GroupBy(f => Module(common, f)).OrderByDescending(g => g.Count()).ToList();
            var top = groups[0];
            var isFolder = files.Any(f => Dir(f) != common && Module(common, f) == top.Key);
            if (!isFolder || top.Count() < files.Count * 0.9 || files.Count(f => Dir(f) == Join(common, top.Key)) == top.Count())
            {
                break;
            }
            common = Join(common, top.Key);
        }
        return common;
    }

    /// <summary>The module of a file: the first folder below <paramref name="baseDir"/>, or the base's own name for files
    /// directly in it.</summary>
    internal static string Module(string baseDir, string file)
    {
        var dir = Dir(file);
        if (!GraphIndex.Under(dir, baseDir))
        {
            return Module("", file); // beside the folder the base was opened into
        }
        if (dir == baseDir)
        {
            return baseDir.Length == 0 ? "(root)" : Path.GetFileName(baseDir);
        }
        var rest = baseDir.Length == 0 ? dir : dir[(baseDir.Length + 1)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? rest : rest[..slash];
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : a + "/" + b;

    private static string Dir(string path) => Path.GetDirectoryName(path)?.Replace('\\', '/') ?? "";

    private static string Label(string module) => module
        .Replace("&", "#amp;", StringComparison.Ordinal).Replace("\"", "#quot;", StringComparison.Ordinal)
        .Replace("<", "#lt;", StringComparison.Ordinal).Replace(">", "#gt;", StringComparison.Ordinal)
        .Replace("[", "#91;", StringComparison.Ordinal).Replace("]", "#93;", StringComparison.Ordinal);

    // Mermaid node ids: m_ + the name with every other character as _ (so no keyword such as `end`), made unique.
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
