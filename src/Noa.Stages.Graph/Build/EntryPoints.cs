using Noa.Stages.Graph.Repository;

namespace Noa.Stages.Graph.Build;

// Entry points: what starts a program of the repository, from three kinds of evidence merged per file — the code
// (Queries/Surface/: `if __name__ == "__main__"`, module-level ASGI/WSGI app objects and the factories that build
// them, Go `package main` + `func main`, Rust file-level `fn main`, Java `static main` and `@SpringBootApplication`, C#
// top-level statements and `static Main`, Node servers that listen), the manifests (console scripts, npm bin/main
// and scripts, Cargo bins) and the commands the repository documents or runs (Launchers). Each becomes an
// `entrypoint` node with its kind, project, scope, evidence and a command that starts it, DEPENDS_ON what it runs
// (flagged `entry`).
internal sealed partial class GraphBuilder
{
    private static readonly HashSet<string> StartScripts = new(StringComparer.Ordinal) { "start", "dev", "serve", "start:prod", "start:dev", "develop", "server" };

    private static readonly HashSet<string> FrameworkClis = new(StringComparer.Ordinal)
    {
        "next", "vite", "nuxt", "nuxi", "ng", "nest", "react-scripts", "remix", "remix-serve", "astro", "expo", "electron", "vue-cli-service",
        "webpack", "webpack-dev-server", "gatsby", "svelte-kit", "react-native", "ionic", "parcel", "umi", "docusaurus", "eleventy", "hexo",
    };

    private RepoFacts _repo = RepoFacts.Empty;
    private readonly Dictionary<string, EntryPoint> _entryPoints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _fileIndex = new(StringComparer.Ordinal);

    /// <summary>Adds what the repository says about itself (projects, manifests, documented commands); call before
    /// <see cref="Build"/>.</summary>
    public GraphBuilder WithRepository(RepoFacts repo)
    {
        _repo = repo;
        return this;
    }

    private void AddEntryPoints()
    {
        for (var f = 0; f < _files.Count; f++)
        {
            _fileIndex[_files[f].Path] = f;
        }
        for (var f = 0; f < _files.Count; f++)
        {
            FromCode(f);
        }
        FromManifests();
        FromKotlin();
        foreach (var line in _repo.Commands)
        {
            if (Launchers.Parse(line) is { } launch)
            {
                Launched(launch);
            }
        }
        FoldStartScripts();
        foreach (var e in _entryPoints.Values.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal))
        {
            // Unconfirmed candidates: an `app = f()` nothing serves, a `fn main` in no binary (build.rs, a doc example).
            if (e.Kind is "app-candidate" || (e.Kind == "rust-main" && _scoping.Of(e.File) == Scopes.Product))
            {
                continue;
            }
            WriteEntryPoint(e);
        }
    }

    // A start script of a package whose code shows what it starts (a server that listens, a bin, a main) is how to
    // start that program, not a program of its own: its evidence and command go to the program.
    private void FoldStartScripts()
    {
        foreach (var (key, script) in _entryPoints.Where(p => p.Value.Kind == "npm-script" && p.Value.File.EndsWith("package.json", StringComparison.Ordinal)).ToList())
        {
            var project = _repo.ProjectOf(script.File);
            var program = _entryPoints.Values.Where(e => e != script && e.Kind is "node-server" or "node-main" or "node-bin" && _scoping.IsProduct(e.File)
                    && _repo.ProjectOf(e.File) == project)
                .OrderBy(e => EntryPoint.Rank(e.Kind)).ThenBy(e => e.File, StringComparer.Ordinal).FirstOrDefault();
            if (program is null)
            {
                continue;
            }
            program.Evidence.UnionWith(script.Evidence);
            program.Documented.UnionWith(script.Documented);
            if (script.Command is { } c && (program.Command is null || c.Rank < program.Command.Value.Rank))
            {
                program.Command = c;
            }
            _entryPoints.Remove(key);
        }
    }

    private EntryPoint Add(EntryPoint e)
    {
        var key = e.File + (e.Kind == "console-script" ? "#" + e.Name : "");
        if (_entryPoints.TryGetValue(key, out var existing))
        {
            existing.Merge(e);
            return existing;
        }
        _entryPoints[key] = e;
        return e;
    }

    private void FromCode(int f)
    {
        var (path, spec, facts) = _files[f];
        var name = System.IO.Path.GetFileName(path);
        string? host = null;
        foreach (var s in facts.Surface.Where(s => s.Kind == "entry" && s.Value == "dotnet-host"))
        {
            host ??= s.Handler switch
            {
                "WebApplication" => "web", "Host" => "worker", "DistributedApplication" => "aspire-apphost",
                "WebAssemblyHostBuilder" => "blazor-webassembly", "MauiApp" => "maui", "FunctionsApplication" => "azure-functions", _ => null,
            };
        }
        var listens = facts.Surface.Any(s => s.Kind == "entry" && s.Value == "node-server");
        foreach (var s in facts.Surface.Where(s => s.Kind == "entry"))
        {
            if (s.Value == "node-server" && !RunsAtLoad(f, s.Owner))
            {
                continue; // a listen inside a helper (a library's `serve()`), not what a program starts with
            }
            var owner = s.Owner >= 0 ? _defIds[_global[f][s.Owner]] : null;
            var ownerName = s.Owner >= 0 ? facts.Definitions[s.Owner].Name : null;
            EntryPoint? e = s.Value switch
            {
                "python-main" when name == "__main__.py" => new("package-main", path, s.Line, PythonPackage(path)) { Target = _fileIds[f] },
                "python-main" => new("python-main", path, s.Line, System.IO.Path.GetFileNameWithoutExtension(path)) { Target = _fileIds[f] },
                "django-manage" when name == "manage.py" => new("django-manage", path, s.Line, "manage.py") { Target = _fileIds[f] },
                "asgi" or "wsgi" => new(s.Value, path, s.Line, s.Handler) { Target = _fileIds[f] },
                "app-candidate" => new("app-candidate", path, s.Line, s.Handler) { Target = _fileIds[f], Candidate = FactoryKind(f, s.Receiver) },
                "go-main" => new("go-main", path, s.Line, GoProgram(path)) { Target = owner },
                "rust-main" => new("rust-main", path, s.Line, System.IO.Path.GetFileNameWithoutExtension(path)) { Target = owner },
                "java-main" => new("java-main", path, s.Line, EnclosingName(f, s.Owner)) { Target = owner },
                "spring-boot" => new("spring-boot", path, s.Line, s.Handler ?? ownerName) { Target = owner },
                "top-level" => new("top-level", path, s.Line, null) { Target = _fileIds[f], Host = host },
                "csharp-main" => new("csharp-main", path, s.Line, EnclosingName(f, s.Owner)) { Target = owner, Host = host },
                "node-server" => new("node-server", path, s.Line, s.Handler) { Target = _fileIds[f] },
                "nest-app" when listens => new("node-server", path, s.Line, "NestFactory") { Target = _fileIds[f] },
                "node-main" => new("node-main", path, s.Line, null) { Target = _fileIds[f] },
                _ => null,
            };
            if (e is null || (e.Kind == "rust-main" && name == "build.rs"))
            {
                continue;
            }
            e.Evidence.Add(s.Value switch
            {
                "python-main" => "if __name__ == \"__main__\"",
                "django-manage" => "execute_from_command_line",
                "asgi" or "wsgi" => $"module-level {s.Value.ToUpperInvariant()} application `{s.Handler}`",
                "app-candidate" => $"`{s.Handler} = {s.Receiver}(…)`",
                "go-main" => "package main, func main",
                "rust-main" => "fn main",
                "java-main" => "static void main",
                "spring-boot" => "@SpringBootApplication",
                "top-level" => "top-level statements",
                "csharp-main" => "static Main",
                "node-server" => $"{s.Handler}.listen / create",
                _ => "require.main === module",
            });
            e.FromCode = true;
            Add(e);
        }
        if (name == "__main__.py" && !_entryPoints.ContainsKey(path))
        {
            // `python -m package` runs __main__.py whether or not it has a `__name__` guard.
            var e = Add(new EntryPoint("package-main", path, 1, PythonPackage(path)) { Target = _fileIds[f], FromCode = true });
            e.Evidence.Add("__main__.py");
        }
        // An application object made by a factory in a file named like an app module is served; elsewhere a
        // launcher must name it (an `app = create_app()` in a worker's tasks module is no web entry point).
        if (name is "app.py" or "wsgi.py" or "asgi.py" or "main.py" or "server.py" or "application.py" or "autoapp.py" or "run.py"
            && _entryPoints.TryGetValue(path, out var candidate) && candidate.Kind == "app-candidate" && candidate.Candidate is { } kind)
        {
            candidate.Kind = kind;
        }
    }

    // Whether code at `owner` runs when the file is loaded: file level, or inside a function the file calls at file
    // level (`async function bootstrap() { … app.listen() } bootstrap()`), or in a program's main file.
    private bool RunsAtLoad(int f, int owner)
    {
        if (owner < 0)
        {
            return true;
        }
        var defs = _files[f].Facts.Definitions;
        var top = owner;
        while (defs[top].Parent >= 0)
        {
            top = defs[top].Parent;
        }
        var stem = System.IO.Path.GetFileNameWithoutExtension(_files[f].Path);
        return _files[f].Facts.References.Any(r => r.Kind == "call" && r.Owner < 0 && r.Name == defs[top].Name)
            || stem is "main" or "index" or "www" or "start" or "bootstrap";
    }

    // `app = create_app()`: ASGI or WSGI when the called function (resolved through imports) builds a FastAPI/Flask/…
    // application.
    private string? FactoryKind(int f, string? call)
    {
        if (call is null)
        {
            return null;
        }
        var (qualifier, last) = SplitQualified(call);
        var (targets, _, _) = Lookup(f, -1, last, qualifier, wantType: false);
        foreach (var g in targets)
        {
            var (file, index) = _defs[g];
            var defs = _files[file].Facts.Definitions;
            foreach (var s in _files[file].Facts.Surface.Where(s => s.Kind == "entry" && s.Value is "asgi-factory" or "wsgi-factory"))
            {
                for (var p = s.Owner; p >= 0; p = defs[p].Parent)
                {
                    if (p == index)
                    {
                        return s.Value[..4];
                    }
                }
            }
        }
        return null;
    }

    private string? EnclosingName(int f, int owner)
    {
        var defs = _files[f].Facts.Definitions;
        for (var p = owner; p >= 0; p = defs[p].Parent)
        {
            if (defs[p].IsType)
            {
                return defs[p].Name;
            }
        }
        return null;
    }

    private static string PythonPackage(string path)
    {
        var dir = RepoFiles.Dir(path);
        var parts = dir.Split('/', StringSplitOptions.RemoveEmptyEntries).SkipWhile(p => p is "src" or "lib").ToArray();
        return parts.Length == 0 ? "__main__" : string.Join('.', parts);
    }

    private string GoProgram(string path)
    {
        var dir = RepoFiles.Dir(path);
        if (dir.Length > 0)
        {
            return System.IO.Path.GetFileName(dir);
        }
        return _repo.ProjectOf(path) is { Ecosystem: "go" } p ? p.Name.Split('/')[^1] : "main";
    }
}
