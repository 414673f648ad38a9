namespace Noa.Stages.Graph.Repository;

/// <summary>What a command line starts, as it names it: a Python <c>module:attribute</c> served by an ASGI/WSGI
/// server, a file run by an interpreter, a module run with <c>-m</c>, a Go package, a Cargo binary, a .NET project,
/// an npm script, or a program by name (a console script, an npm bin, a Cargo binary once installed).</summary>
/// <param name="Line">The command line.</param>
/// <param name="Kind">asgi, wsgi, python-file, python-module (<c>python -m x</c>), node-file, go-run, cargo-run, dotnet-run, jvm-run,
/// npm-script, manage, program.</param>
/// <param name="Target">The module (<c>app.main</c>), path (relative to the root, normalised), package folder,
/// binary or script name, or project folder, as the kind says.</param>
/// <param name="Attribute">For asgi/wsgi: the application object's name (<c>app</c>).</param>
internal sealed record LaunchRef(CommandLine Line, string Kind, string Target, string? Attribute = null);

/// <summary>Reads what a command line launches (see <see cref="LaunchRef"/>); null when it launches nothing this
/// knows.</summary>
internal static class Launchers
{
    private static readonly Dictionary<string, string> Servers = new(StringComparer.Ordinal)
    {
        ["uvicorn"] = "asgi", ["hypercorn"] = "asgi", ["daphne"] = "asgi", ["granian"] = "asgi",
        ["gunicorn"] = "wsgi", ["waitress-serve"] = "wsgi",
    };

    public static LaunchRef? Parse(CommandLine line)
    {
        if (line.Source == "flaskenv" || line.Text.StartsWith("FLASK_APP=", StringComparison.Ordinal) || line.Text.StartsWith("export FLASK_APP=", StringComparison.Ordinal))
        {
            var value = line.Text[(line.Text.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim().Trim('"', '\'');
            return Flask(line, value);
        }
        var all = line.Words.Where(w => w != "export").ToList();
        var m = all.FindIndex(w => w == "-m");
        if (m > 0 && m + 1 < all.Count && all[m - 1] is "python" or "python3" or "py" or "pypy3" && !all[m + 1].StartsWith('-')
            && all[m + 1] is not ("pip" or "pytest" or "unittest" or "venv" or "build" or "http.server" or "flask" or "uvicorn" or "gunicorn" or "django" or "mypy" or "black" or "ruff" or "pylint" or "coverage" or "alembic" or "celery" or "rq"))
        {
            return new LaunchRef(line, "python-module", all[m + 1]);
        }
        var words = CommandPhase.Unwrap(all);
        if (words.Count == 0)
        {
            return null;
        }
        var tool = words[0];
        var args = words.Skip(1).ToList();
        if (Servers.TryGetValue(tool, out var server))
        {
            // `gunicorn -k uvicorn.workers.UvicornWorker app.main:app` serves an ASGI app.
            if (args.Any(a => a.Contains("uvicorn", StringComparison.OrdinalIgnoreCase)))
            {
                server = "asgi";
            }
            var spec = Positional(args, ["-b", "--bind", "-w", "--workers", "-k", "--worker-class", "--host", "--port", "-c", "--config", "--log-level", "--env-file", "--root-path", "--app-dir", "--factory-args", "--timeout", "--threads", "-t"])
                .FirstOrDefault(a => a.Contains(':', StringComparison.Ordinal) && !a.Contains('/', StringComparison.Ordinal));
            if (spec is not null)
            {
                var colon = spec.IndexOf(':', StringComparison.Ordinal);
                var appDir = Option(args, "--app-dir") ?? Option(args, "--chdir");
                var cwd = appDir is null ? line.Cwd : RepoFiles.Join(line.Cwd, appDir) ?? line.Cwd;
                var attribute = spec[(colon + 1)..].Split('(')[0];
                return new LaunchRef(line with { Cwd = cwd }, server, spec[..colon], attribute.Length == 0 ? "app" : attribute);
            }
            return null;
        }
        switch (tool)
        {
            case "uwsgi":
                if ((Option(args, "--module") ?? Option(args, "--wsgi")) is { } module)
                {
                    var colon = module.IndexOf(':', StringComparison.Ordinal);
                    return new LaunchRef(line, "wsgi", colon < 0 ? module : module[..colon], colon < 0 ? "application" : module[(colon + 1)..]);
                }
                return Option(args, "--wsgi-file") is { } file && RepoFiles.Join(line.Cwd, file) is { } path ? new LaunchRef(line, "python-file", path) : null;
            case "flask":
                return Option(args, "--app") is { } app ? Flask(line, app) : args.FirstOrDefault() == "run" ? new LaunchRef(line, "python-file", "") : null;
            case "fastapi" when args.FirstOrDefault() is "run" or "dev":
                var target = Positional(args.Skip(1).ToList(), ["--host", "--port", "--workers", "--root-path", "--app", "--entrypoint"]).FirstOrDefault();
                return new LaunchRef(line, "python-file", target is null ? "" : RepoFiles.Join(line.Cwd, target) ?? "");
            case "python" or "python3" or "py" or "pypy3":
                if (args.FirstOrDefault(a => !a.StartsWith('-')) is { } script && script.EndsWith(".py", StringComparison.Ordinal) && RepoFiles.Join(line.Cwd, script) is { } scriptPath)
                {
                    return new LaunchRef(line, Path.GetFileName(scriptPath) == "manage.py" ? "manage" : "python-file", scriptPath);
                }
                return null;
            case "./manage.py" or "manage.py":
                return RepoFiles.Join(line.Cwd, "manage.py") is { } manage ? new LaunchRef(line, "manage", manage) : null;
            case "node" or "ts-node" or "tsx" or "nodemon" or "bun" or "deno" or "ts-node-dev":
                var nodeArgs = args.SkipWhile(a => a is "run" or "watch").ToList();
                var entry = Positional(nodeArgs, ["-r", "--require", "--import", "--loader", "-e", "--exec", "--watch-path", "-P", "--project", "--env-file"])
                    .FirstOrDefault(a => a.Contains('.', StringComparison.Ordinal) || a.Contains('/', StringComparison.Ordinal));
                return entry is not null && RepoFiles.Join(line.Cwd, entry) is { } nodePath ? new LaunchRef(line, "node-file", nodePath) : null;
            case "go" when args.FirstOrDefault() == "run":
                var package = Positional(args.Skip(1).ToList(), ["-tags", "-ldflags", "-gcflags", "-mod", "-C"]).FirstOrDefault() ?? ".";
                return RepoFiles.Join(line.Cwd, package.EndsWith(".go", StringComparison.Ordinal) ? RepoFiles.Dir(package) : package) is { } dir ? new LaunchRef(line, "go-run", dir) : null;
            case "cargo" when args.FirstOrDefault() == "run":
                return new LaunchRef(line, "cargo-run", Option(args, "--bin") ?? Option(args, "-p") ?? Option(args, "--package") ?? "");
            case "dotnet" when args.FirstOrDefault() is "run" or "watch":
                var project = Option(args, "--project") ?? Option(args, "-p");
                return new LaunchRef(line, "dotnet-run", project is null ? line.Cwd : RepoFiles.Join(line.Cwd, project.Replace('\\', '/')) ?? line.Cwd);
            case "aspire" when args.FirstOrDefault() == "run":
                return new LaunchRef(line, "dotnet-run", Option(args, "--project") is { } ap ? RepoFiles.Join(line.Cwd, ap.Replace('\\', '/')) ?? line.Cwd : line.Cwd);
            case "java" when args.FirstOrDefault() == "-jar":
                return new LaunchRef(line, "jvm-run", line.Cwd);
            case "mvn" or "./mvnw" or "mvnw" or "gradle" or "./gradlew" or "gradlew" when CommandPhase.Of(words) == CommandPhase.Run:
                return new LaunchRef(line, "jvm-run", line.Cwd);
            case "npm" or "yarn" or "pnpm" or "bun":
                var verb = args.FirstOrDefault() ?? "";
                var name = verb is "run" or "run-script" ? args.Skip(1).FirstOrDefault() : verb is "start" or "test" ? verb
                    : tool != "npm" && verb.Length > 0 && !verb.StartsWith('-') && verb is not ("install" or "add" or "i" or "ci" or "exec" or "dlx" or "x" or "create") ? verb : null;
                return name is null ? null : new LaunchRef(line, "npm-script", name);
        }
        // Anything else is a program by name: a console script or an npm or Cargo binary the graph may know.
        return tool.Length > 1 && !tool.Contains('/', StringComparison.Ordinal) && !ReadmeCommands.Tools.Contains(tool) ? new LaunchRef(line, "program", tool) : null;
    }

    // FLASK_APP / --app: `module:app`, `module`, `module:create_app()` or `path/to/file.py`.
    private static LaunchRef Flask(CommandLine line, string value)
    {
        if (value.EndsWith(".py", StringComparison.Ordinal) || value.Contains('/', StringComparison.Ordinal))
        {
            // `/path/to/autoapp.py` in a README means the repository's autoapp.py.
            var file = value.Split(':')[0];
            return new LaunchRef(line, "python-file", RepoFiles.Join(line.Cwd, file.StartsWith('/') ? Path.GetFileName(file) : file) ?? file);
        }
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return new LaunchRef(line, "wsgi", colon < 0 ? value : value[..colon], colon < 0 ? null : value[(colon + 1)..].Split('(')[0]);
    }

    private static string? Option(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == name && i + 1 < args.Count)
            {
                return args[i + 1];
            }
            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return args[i][(name.Length + 1)..];
            }
        }
        return null;
    }

    // Arguments that are not options or option values (for the options named, which take one).
    private static IEnumerable<string> Positional(IReadOnlyList<string> args, string[] withValue)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith('-'))
            {
                if (withValue.Contains(args[i]))
                {
                    i++;
                }
                continue;
            }
            yield return args[i];
        }
    }
}
