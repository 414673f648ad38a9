using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Repository;

namespace Noa.Stages.Graph.Build;

// Entry points named by the commands a repository documents or runs: each launch confirms (or, when the code did not
// show one, creates) the entry point it starts and records where it is documented; then every entry point is written.
internal sealed partial class GraphBuilder
{
    // Where a documented command is best taken from: what a person is told first.
    private static int SourceRank(string source) => source switch
    {
        "readme" => 0, "procfile" => 1, "dockerfile" => 2, "compose" => 3, "makefile" or "justfile" => 4, "package.json" => 5, "ci" => 6, _ => 7,
    };

    private static readonly string[] FastApiDefaults = ["main.py", "app.py", "api.py", "app/main.py", "app/app.py", "app/api.py"];
    private static readonly string[] FlaskDefaults = ["wsgi.py", "app.py"];

    private void Launched(LaunchRef launch)
    {
        var line = launch.Line;
        var matched = new List<EntryPoint>();
        switch (launch.Kind)
        {
            case "asgi" or "wsgi":
                if (PythonModule(launch.Target, line.Cwd) is { } module)
                {
                    var existing = InFile(module).Where(e => e.Kind is "asgi" or "wsgi" or "app-candidate").ToList();
                    if (existing.Count == 0)
                    {
                        existing.Add(Add(new EntryPoint(launch.Kind, module, 1, launch.Attribute ?? "app") { Target = FileNode(module) }));
                    }
                    foreach (var e in existing.Where(e => e.Kind == "app-candidate"))
                    {
                        e.Kind = e.Candidate ?? launch.Kind;
                    }
                    matched.AddRange(existing);
                }
                break;
            case "python-module":
                matched.AddRange(_entryPoints.Values.Where(e => e.Kind == "package-main" && e.Name == launch.Target));
                if (matched.Count == 0 && PythonModule(launch.Target, line.Cwd) is { } runModule)
                {
                    matched.AddRange(InFile(runModule).Where(e => e.Kind is "python-main" or "package-main"));
                }
                break;
            case "python-file":
                // `fastapi run` and `flask run` without an app find one by their own conventions.
                var defaults = line.Words.FirstOrDefault() == "flask" ? FlaskDefaults : FastApiDefaults;
                var paths = launch.Target.Length > 0 ? [launch.Target]
                    : defaults.Select(p => RepoFiles.Join(line.Cwd, p)).OfType<string>().Where(_fileIndex.ContainsKey).Take(1).ToList();
                foreach (var path in paths.Where(_fileIndex.ContainsKey))
                {
                    var existing = InFile(path).ToList();
                    var server = line.Words.FirstOrDefault() is "flask" or "uwsgi" || line.Text.Contains("FLASK_APP", StringComparison.Ordinal) ? "wsgi"
                        : line.Words.FirstOrDefault() == "fastapi" ? "asgi" : null;
                    foreach (var e in existing.Where(e => e.Kind == "app-candidate"))
                    {
                        e.Kind = server ?? e.Candidate ?? "python-main";
                    }
                    if (existing.Count == 0)
                    {
                        existing.Add(Add(new EntryPoint(server ?? "python-main", path, 1, server is null ? System.IO.Path.GetFileNameWithoutExtension(path) : "app") { Target = FileNode(path) }));
                    }
                    matched.AddRange(existing);
                }
                break;
            case "manage":
                matched.AddRange(InFile(launch.Target).Where(e => e.Kind is "django-manage" or "python-main"));
                break;
            case "node-file":
                if (SourceOf(launch.Target) is { } source)
                {
                    var existing = InFile(source).ToList();
                    if (existing.Count == 0 && _fileIndex.ContainsKey(source))
                    {
                        existing.Add(Add(new EntryPoint("node-main", source, 1, null) { Target = FileNode(source) }));
                    }
                    matched.AddRange(existing);
                }
                break;
            case "go-run":
                matched.AddRange(_entryPoints.Values.Where(e => e.Kind == "go-main" && RepoFiles.Dir(e.File) == launch.Target));
                break;
            case "cargo-run":
                matched.AddRange(_entryPoints.Values.Where(e => e.Kind == "rust-bin" && (launch.Target.Length > 0 ? e.Name == launch.Target : Under(e.File, line.Cwd))));
                break;
            case "dotnet-run":
                var project = launch.Target.EndsWith("proj", StringComparison.Ordinal) ? RepoFiles.Dir(launch.Target) : launch.Target;
                matched.AddRange(_entryPoints.Values.Where(e => e.Kind is "top-level" or "csharp-main" && _repo.ProjectOf(e.File)?.Root == project));
                break;
            case "jvm-run":
                matched.AddRange(_entryPoints.Values.Where(e => e.Kind is "spring-boot" or "java-main" or "kotlin-main" && Under(e.File, line.Cwd) && _scoping.IsProduct(e.File)));
                break;
            case "npm-script":
                var manifest = RepoFiles.Join(line.Cwd, "package.json") ?? "package.json";
                var script = _repo.Entries.FirstOrDefault(m => m.Manifest == manifest && m.Kind == "script" && m.Name == launch.Target);
                if (script is not null)
                {
                    matched.AddRange(_entryPoints.Values.Where(e => e.Evidence.Any(ev => ev.StartsWith($"package.json script `{script.Name}`", StringComparison.Ordinal)) && Under(e.File, line.Cwd)));
                }
                break;
            case "program":
                matched.AddRange(_entryPoints.Values.Where(e => e.Name == launch.Target && e.Kind is "console-script" or "node-bin" or "rust-bin" or "go-main"));
                break;
        }
        // The command kept is the best-placed one that runs the program (`manage.py runserver` over `manage.py
        // migrate`); a bare FLASK_APP=… only says which app.
        var runs = CommandPhase.Of(line.Words) == CommandPhase.Run || line.Source is "procfile" or "compose" || launch.Kind is "program" or "python-module";
        var rank = SourceRank(line.Source) + (runs ? 0 : 10);
        foreach (var e in matched.Distinct())
        {
            e.Documented.Add(line.Where);
            if (line.Source != "package.json" && !line.Text.Contains("FLASK_APP=", StringComparison.Ordinal) && (e.Command is null || rank < e.Command.Value.Rank))
            {
                e.Command = (line.Text, line.Cwd, rank, line.Where);
            }
        }
    }

    private IEnumerable<EntryPoint> InFile(string path) => _entryPoints.Values.Where(e => e.File == path);

    private static bool Under(string path, string dir) => dir.Length == 0 || path.StartsWith(dir + "/", StringComparison.Ordinal);

    // A Python module named from a folder (`app.main` run in backend/): that folder's app/main.py, else the module the
    // index knows by that name, nearest the folder.
    private string? PythonModule(string module, string cwd)
    {
        var relative = module.Replace('.', '/');
        foreach (var candidate in new[] { relative + ".py", relative + "/__init__.py" })
        {
            if (RepoFiles.Join(cwd, candidate) is { } path && _fileIndex.ContainsKey(path))
            {
                return path;
            }
        }
        if (!_moduleIndex.TryGetValue("python:" + module, out var files))
        {
            return null;
        }
        return files.Select(f => _files[f].Path).OrderByDescending(p => Under(p, cwd)).ThenBy(p => p.Length).ThenBy(p => p, StringComparer.Ordinal).First();
    }

    private void WriteEntryPoint(EntryPoint e)
    {
        var project = _repo.ProjectOf(e.File);
        var scope = _scoping.Of(e.File);
        var id = $"entrypoint:{e.Kind}:{e.File}" + (e.Kind is "console-script" or "node-bin" or "rust-bin" && e.Name is { } n ? "#" + n : "");
        var properties = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["kind"] = e.Kind,
            ["scope"] = scope,
            ["role"] = scope != Scopes.Product ? scope : IsPrimary(e, project) ? "primary" : "secondary",
            ["evidence"] = string.Join("; ", e.Evidence),
        };
        properties["app"] = project is null || project.Root.Length == 0 ? "." : project.Root;
        if (project is not null)
        {
            properties["project"] = project.Manifest;
        }
        if (e.Documented.Count > 0)
        {
            properties["documented"] = string.Join(", ", e.Documented.Take(10));
        }
        if (e.Host is not null || project?.Facts.GetValueOrDefault("framework") == "aspire-apphost")
        {
            properties["host"] = e.Host ?? "aspire-apphost";
        }
        var start = e.Command is { } documented ? (documented.Text, documented.Cwd, documented.Where) : StartCommands.For(e, project, _repo, PackageManager);
        if (start is { } command)
        {
            properties["command"] = command.Text;
            properties["cwd"] = command.Cwd.Length == 0 ? "." : command.Cwd;
            properties["commandSource"] = command.Item3; // "file:line" of the documented command, or "convention"
        }
        Node(new KgNode
        {
            Id = id, Kind = "entrypoint", Name = e.Name ?? System.IO.Path.GetFileName(e.File), File = e.File,
            Language = _fileIndex.TryGetValue(e.File, out var f) ? _files[f].Spec.Id : null,
            Range = new TextRange(e.Line, 1, e.Line, 1), Properties = properties,
        });
        if (e.Target is { } target && _nodes.TryGetValue(target, out var node))
        {
            Edge(id, target, "DEPENDS_ON", e.FromCode ? Parsed : Manifest, 1.0, e.Line);
            if (node.Flags?.Contains("entry") != true)
            {
                (node.Flags ??= []).Add("entry");
            }
        }
    }

    private const string Manifest = "manifest";

    // The main ways in: documented for people (README, Procfile, Dockerfile, compose), declared by a manifest, an
    // application object or server, or a program's main. Scripts with a `__main__` guard and npm scripts that run a file
    // (seeders, generators) are secondary unless a README, Procfile or Dockerfile starts them: CI and Makefiles run
    // release and maintenance tools too.
    private static bool IsPrimary(EntryPoint e, Project? project) =>
        e.Documented.Any(d => !d.Contains("package.json:", StringComparison.Ordinal) && !d.StartsWith(".github/", StringComparison.Ordinal)
            && !d.Contains("akefile:", StringComparison.Ordinal) && !d.StartsWith(".gitlab-ci", StringComparison.Ordinal)) || e.Kind switch
        {
            "python-main" => false,
            "npm-script" => StartScripts.Contains(e.Name ?? ""),
            "node-main" => e.Declared || project is null,
            _ => true,
        };
}
