using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Languages;

namespace Noa.Stages.Graph.Build;

// Imports: each language's module keys indexed, imports resolved to files (IMPORTS, directory DEPENDS_ON) or to
// external module nodes, and the names they bind for call resolution.
internal sealed partial class GraphBuilder
{
    private ProjectLayout _layout = ProjectLayout.Empty;

    /// <summary>The source's module layout (go.mod, tsconfig paths, Cargo crates) for import resolution.</summary>
    public GraphBuilder WithLayout(ProjectLayout layout)
    {
        _layout = layout;
        return this;
    }

    private void IndexModules()
    {
        for (var f = 0; f < _files.Count; f++)
        {
            foreach (var key in _files[f].Spec.ModuleKeys(_files[f].Path, _files[f].Facts, _layout).Distinct(StringComparer.Ordinal))
            {
                List(_moduleIndex, _files[f].Spec.Id + ":" + key).Add(f);
            }
        }
    }

    // The files a module key names, seen from file `from`: when a suffix key names modules in several directories,
    // the one sharing the longest directory prefix with the importer wins (the same source root).
    private List<int>? ModuleFiles(string language, string key, int from)
    {
        if (!_moduleIndex.TryGetValue(language + ":" + key, out var files))
        {
            return null;
        }
        if (language == "csharp" || files.Count == 1)
        {
            return files;
        }
        var importer = _files[from].Path;
        var groups = files.GroupBy(f => System.IO.Path.GetDirectoryName(_files[f].Path) ?? "").ToList();
        if (groups.Count == 1)
        {
            return files;
        }
        return groups.OrderByDescending(g => CommonPrefix(g.Key, importer)).ThenBy(g => g.Key.Length).ThenBy(g => g.Key, StringComparer.Ordinal).First().ToList();
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }
        return n;
    }

    // IMPORTS edges to the files an import names (or to an external module node), and the names it binds.
    private Scope ResolveImports(int f)
    {
        var (path, spec, facts) = _files[f];
        var scope = new Scope();
        foreach (var import in facts.Imports)
        {
            var target = spec.Resolve(import, path, _layout);
            List<int>? files = null;
            var hit = 0;
            for (; hit < target.Keys.Length && files is null; hit++)
            {
                files = ModuleFiles(spec.Id, target.Keys[hit], f);
            }
            if (files is null)
            {
                var external = target.Internal ? null : ExternalModule(f, import.Module.Length > 0 ? import.Module : target.Keys[0]);
                if (external is not null)
                {
                    Edge(_fileIds[f], external, "IMPORTS", Parsed, 1.0, import.Line);
                    scope.External.Add(target.Local ?? "");
                    if (target.Local is { } ext)
                    {
                        scope.Bindings.TryAdd(ext, new Binding([], null, external));
                    }
                }
                continue;
            }
            foreach (var file in files.Where(file => file != f))
            {
                Edge(_fileIds[f], _fileIds[file], "IMPORTS", Parsed, files.Count > 1 && spec.Id == "python" ? 0.8 : 1.0, import.Line);
                DependsOn(path, _files[file].Path);
            }
            // The first key that hit tells whether the import named a module (a.b) or a member of one (a, member b).
            var member = hit - 1 == 0 && target.Keys.Length > 1 ? null : target.Member;
            if (spec.Id == "go" && import.Alias is null && GoPackageName(files) is { } package)
            {
                target = target with { Local = package }; // a Go import binds the package's own name (`package v1` of …/api/v1)
            }
            if (target.Local is null)
            {
                scope.Wildcards.Add(files);
            }
            else
            {
                scope.Bindings[target.Local] = new Binding(files, member, null, target.Keys[hit - 1]);
            }
        }
        return scope;
    }

    private string? GoPackageName(List<int> files) =>
        files.SelectMany(file => _files[file].Facts.Definitions.Where(d => d.Kind == "module" && d.Parent < 0)).Select(d => d.Name).FirstOrDefault(n => n != "main" && !n.EndsWith("_test", StringComparison.Ordinal));

    private void DependsOn(string fromPath, string toPath)
    {
        var from = System.IO.Path.GetDirectoryName(fromPath)?.Replace('\\', '/') ?? "";
        var to = System.IO.Path.GetDirectoryName(toPath)?.Replace('\\', '/') ?? "";
        if (from != to)
        {
            Edge(Symbols.Directory(from), Symbols.Directory(to), "DEPENDS_ON", Parsed, 1.0);
        }
    }

    // The external package an import names, grouped as its ecosystem names packages (a PyPI distribution's top
    // module, an npm package, a Go module from go.mod's requires, a Rust crate, a Java/C# namespace's first two
    // segments); standard libraries marked. An import of this source's own code that no file answers (a package of
    // the project's, a path alias) is no external package: null.
    private string? ExternalModule(int f, string module)
    {
        var spec = _files[f].Spec;
        if (module.Length == 0 || module.StartsWith('.'))
        {
            return null; // a relative import of a file that is not in the source
        }
        module = module.Replace("static ", "", StringComparison.Ordinal).Trim();
        var root = spec.Id switch
        {
            "python" => module.Split('.')[0],
            "javascript" or "typescript" => module.StartsWith('@') ? string.Join('/', module.Split('/').Take(2)) : module.Split('/')[0],
            "rust" => module.Split("::")[0],
            "go" => GoModulePath(f, module),
            "java" or "csharp" => string.Join('.', module.Split('.').Take(2)),
            _ => module,
        };
        if (root.Length == 0 || root is "crate" or "self" or "super" || (root.Length > 1 && root[0] is '@' or '~' && root[1] == '/') || IsOwnPackage(spec.Id, module, root))
        {
            return null;
        }
        var stdlib = StandardLibraries.Contains(spec.Id, module);
        if (stdlib && spec.Id is "java" or "go")
        {
            root = spec.Id == "go" ? module : string.Join('.', module.Split('.').Take(2));
        }
        var id = $"external:{spec.Manager}:{root}";
        if (!_nodes.ContainsKey(id))
        {
            var properties = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["manager"] = spec.Manager };
            if (stdlib)
            {
                properties["stdlib"] = "true";
            }
            Node(new KgNode { Id = id, Kind = "external", Name = root, Language = spec.Id, Properties = properties });
        }
        return id;
    }

    // A Go import's module: the longest module path go.mod requires that it starts with; without one, its first three
    // elements on code hosts (github.com/owner/repo), else the whole path.
    private string GoModulePath(int f, string module)
    {
        var dir = System.IO.Path.GetDirectoryName(_files[f].Path)?.Replace('\\', '/') ?? "";
        if (_layout.GoModuleOf(dir) is { } own)
        {
            foreach (var required in own.Requires.OrderByDescending(r => r.Length))
            {
                if (module == required || module.StartsWith(required + "/", StringComparison.Ordinal))
                {
                    return required;
                }
            }
        }
        var parts = module.Split('/');
        return parts.Length > 3 && parts[0].Contains('.', StringComparison.Ordinal) ? string.Join('/', parts.Take(3)) : module;
    }

    // Code of this source that no file answers: Python and C# modules/namespaces under a root the source defines, a
    // Java package under the prefix every package of the source shares (io.spring.graphql.types of generated code
    // in a project of io.spring.api, io.spring.core, …), a Go import under one of the source's module paths.
    private bool IsOwnPackage(string language, string module, string root)
    {
        switch (language)
        {
            case "python":
                return _moduleIndex.ContainsKey("python:" + root);
            case "csharp":
                return _moduleIndex.Keys.Any(k => k.StartsWith("csharp:", StringComparison.Ordinal) && (k == "csharp:" + root || k.StartsWith("csharp:" + root + ".", StringComparison.Ordinal)));
            case "java":
                _javaRoot ??= JavaProjectRoot();
                return _javaRoot.Length > 0 && (module == _javaRoot || module.StartsWith(_javaRoot + ".", StringComparison.Ordinal))
                    || _javaPackages!.Contains(module[..Math.Max(0, module.LastIndexOf('.'))]);
            case "go":
                return _layout.GoModules.Any(m => module == m.Path || module.StartsWith(m.Path + "/", StringComparison.Ordinal));
            default:
                return false;
        }
    }

    private string? _javaRoot;
    private HashSet<string>? _javaPackages;

    // The longest package prefix (two segments at least) every Java package of the source shares, or "".
    private string JavaProjectRoot()
    {
        _javaPackages = _files.Where(x => x.Spec.Id == "java").SelectMany(x => x.Facts.Definitions.Where(d => d.Kind == "namespace").Select(d => d.Name))
            .ToHashSet(StringComparer.Ordinal);
        var prefix = _javaPackages.Select(p => p.Split('.')).Aggregate((string[]?)null, (acc, p) => acc is null ? p : acc.Zip(p).TakeWhile(x => x.First == x.Second).Select(x => x.First).ToArray());
        return prefix is { Length: >= 2 } ? string.Join('.', prefix) : "";
    }

    /// <summary>A name bound by an import: a module's files, or a member of them; or an external module. Module is the
    /// module key that named the files.</summary>
    private sealed record Binding(List<int> Files, string? Member, string? External, string? Module = null);

    /// <summary>What a file's imports make visible.</summary>
    private sealed class Scope
    {
        public Dictionary<string, Binding> Bindings { get; } = new(StringComparer.Ordinal);
        public List<List<int>> Wildcards { get; } = [];
        public HashSet<string> External { get; } = new(StringComparer.Ordinal);
    }
}
