using System.Text.RegularExpressions;
using Noa.Abstractions.Env;
using Noa.Abstractions.Graph;
using Noa.Abstractions.Profiles;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>
/// Install, build and start commands. Start, in this order: (1) the Procfile's <c>web</c> process; (2) the graph's primary entry
/// point's documented command (README, package.json, CI), unless it is a development command (dev servers, watchers, reloaders);
/// (3) a <c>start</c> script; (4) the framework's production convention for the entry the graph found (ASGI → uvicorn, WSGI →
/// gunicorn, <c>node FILE</c>); (5) the graph's conventional command. Go, Rust, Java and .NET run their built artefact. Servers that bind 127.0.0.1 by default are
/// told to bind 0.0.0.0. Distinct non-development commands documented for the same app are a contradiction.
/// </summary>
internal static partial class CommandRules
{
    public static Decision Install(Toolchain t, App app, Recipe recipe, string? packageManager, bool hasDependencies, string? pinnedVersion = null) => t.Name switch
    {
        _ when !hasDependencies => new Decision(null, "install.none: no third-party dependencies declared", 1, [app.Builds.FirstOrDefault()?.Manifest ?? app.Root]),
        "python" when recipe.DependencyFiles.Any(f => f.EndsWith("requirements.txt", StringComparison.Ordinal)) =>
            Manifest("pip install --no-cache-dir -r requirements.txt", "install.requirements", app),
        "python" when app.Builds.FirstOrDefault()?.Manifest is { } script && script.EndsWith(".py", StringComparison.Ordinal) && Path.GetFileName(script) != "setup.py" =>
            new Decision(null, "install.undeclared: a server script with no manifest; nothing lists its imports for pip (without a pip index they are Debian's python3-* packages, checked at build)", 0.3, [script]),
        "python" => Manifest("pip install --no-cache-dir .", "install.pep517", app),
        "node" => packageManager switch
        {
            "pnpm" or "yarn" => Manifest($"{NodeRules.Setup(packageManager, pinnedVersion)} && {packageManager} install --frozen-lockfile", "install.lockfile", app),
            _ when app.Builds.FirstOrDefault()?.Lockfile is { } lockfile && lockfile.EndsWith("package-lock.json", StringComparison.Ordinal) =>
                Manifest("npm ci", "install.lockfile", app),
            "bun" => new Decision("npm install", "install.bun-unsupported: no bun base image here; npm reads package.json", 0.5, [app.Builds[0].Manifest]),
            _ => Manifest("npm install", "install.manifest", app),
        },
        "go" => Manifest("go mod download", "install.go-modules", app),
        "rust" => Manifest("cargo fetch", "install.cargo", app),
        "java" when packageManager == "gradle" || app.Builds.FirstOrDefault()?.System == "gradle" => Manifest("gradle --no-daemon -q dependencies", "install.gradle", app),
        "java" => Manifest("mvn -B -q dependency:go-offline", "install.maven", app),
        "dotnet" => Manifest($"dotnet restore {Path.GetFileName(app.Builds[0].Manifest)}", "install.dotnet", app),
        _ => Decision.Undecided("install: no supported toolchain"),
    };

    public static Decision Build(Toolchain t, App app, AppFacts facts) => t.Name switch
    {
        // The app's own package.json: a script of an example's or a fixture's package.json is not how the app builds.
        "node" when facts.Tasks.FirstOrDefault(n => Prop(n, "phase") == "build" && Prop(n, "source") == "package.json" && n.File == app.Builds[0].Manifest) is { } task =>
            new Decision(RunScript(app, Prop(task, "name") ?? "build"), "build.package-script", 0.9, [Where(task)]),
        "node" or "python" => new Decision(null, "build.none: nothing to compile", 0.8, []),
        "go" => new Decision($"CGO_ENABLED=0 go build -trimpath -o /out/server ./{GoPackage(app, facts)}", "build.go-main", 0.8, facts.Entries.Where(e => Prop(e, "kind") == "go-main").Select(Where).Take(1).ToList()),
        "rust" => new Decision("cargo build --release --locked", "build.cargo", 0.8, [app.Builds[0].Manifest]),
        "java" when app.Builds.FirstOrDefault()?.System == "gradle" => new Decision("gradle --no-daemon -q bootJar -x test || gradle --no-daemon -q build -x test", "build.gradle", 0.7, [app.Builds[0].Manifest]),
        "java" => new Decision("mvn -B -q package -DskipTests", "build.maven", 0.8, [app.Builds[0].Manifest]),
        "dotnet" => new Decision($"dotnet publish {Path.GetFileName(app.Builds[0].Manifest)} -c Release -o /out --no-restore", "build.dotnet-publish", 0.9, [app.Builds[0].Manifest]),
        _ => Decision.Undecided("build: no supported toolchain"),
    };

    public static (Decision Start, Contradiction? Conflict) Start(Toolchain t, App app, AppFacts facts, string? binary, int? port)
    {
        var candidates = new List<Decision>();
        var primary = facts.Entries.Where(e => Prop(e, "role") == "primary").OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
        // A Procfile's web process is how the app is deployed; it comes before what a README shows.
        foreach (var task in facts.Tasks.Where(n => Prop(n, "phase") == "run" && Prop(n, "source") == "procfile" && Prop(n, "name") == "web"))
        {
            if (Prop(task, "command") is { } command && !IsDevelopment(command))
                candidates.Add(new Decision(Bind(command, port), "start.procfile", 0.9, [Where(task)]));
        }
        foreach (var entry in primary)
        {
            if (Prop(entry, "command") is { } command && Prop(entry, "commandSource") is { } source && source != "convention" && !IsDevelopment(command))
                candidates.Add(new Decision(Bind(command, port), "start.documented", 0.85, [source, Where(entry)]));
        }
        foreach (var task in facts.Tasks.Where(n => Prop(n, "phase") == "run" && Prop(n, "source") == "package.json" && Prop(n, "name") == "start" && n.File == app.Builds.FirstOrDefault()?.Manifest))
        {
            if (Prop(task, "command") is { } command && !IsDevelopment(command) && !command.StartsWith("docker", StringComparison.Ordinal))
                candidates.Add(new Decision(Bind(command, port), "start.package.json", 0.8, [Where(task)]));
        }
        foreach (var entry in primary.Concat(facts.Entries.Except(primary)))
        {
            if (Convention(t, app, entry, binary, port) is { } convention)
            {
                candidates.Add(convention);
                break;
            }
        }
        if (t.Name is "go" or "rust" or "java" or "dotnet" && binary is not null)
            candidates.Add(new Decision(binary, $"start.{t.Name}-artefact", 0.7, [app.Builds[0].Manifest]));
        foreach (var entry in primary)
        {
            if (Prop(entry, "command") is { } command && Prop(entry, "commandSource") == "convention")
                candidates.Add(new Decision(Bind(command, port), "start.graph-convention", 0.6, [Where(entry)]));
        }
        if (candidates.Count == 0)
            return (Decision.Undecided("start: the graph found no entry point or documented start command for this app"), null);
        // Compiled languages run the built artefact whatever the README says (`go run .`, `cargo run` are development commands).
        var chosen = t.Name is "go" or "rust" or "java" or "dotnet" && binary is not null
            ? candidates.First(c => c.Rule == $"start.{t.Name}-artefact")
            : candidates[0];
        var documented = candidates.Where(c => c.Rule is "start.documented" or "start.procfile" or "start.package.json")
            .DistinctBy(c => Normalize(c.Value!)).ToList();
        return (chosen, documented.Count > 1 ? new Contradiction("start", documented) : null);
    }

    /// <summary>A command that serves for development only (dev servers, watchers, reloaders), or that is no start command at all: a
    /// project generator (<c>npx create-…</c>, <c>npm init</c>) or a template with a placeholder (<c>&lt;project-name&gt;</c>).</summary>
    public static bool IsDevelopment(string command) =>
        DevPattern().IsMatch(command) || NotAStart().IsMatch(command);

    /// <summary>Makes a server that binds loopback by default listen on every interface (a container's port is reached from outside).</summary>
    public static string Bind(string command, int? port)
    {
        var p = port?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (FlaskRun().IsMatch(command) && !command.Contains("--host", StringComparison.Ordinal))
            return command + " --host 0.0.0.0" + (p is not null && !command.Contains("--port", StringComparison.Ordinal) ? " --port " + p : "");
        if (Uvicorn().IsMatch(command) && !command.Contains("--host", StringComparison.Ordinal))
            return command + " --host 0.0.0.0" + (p is not null && !command.Contains("--port", StringComparison.Ordinal) ? " --port " + p : "");
        if (RunServer().IsMatch(command) && !RunServerAddress().IsMatch(command))
            return command + $" 0.0.0.0:{p ?? "8000"}";
        // gunicorn binds 127.0.0.1:8000 unless told (or unless $PORT is set, which the image may not do).
        if (Gunicorn().Match(command) is { Success: true } g && !GunicornBind().IsMatch(command))
            return command.Insert(g.Index + g.Length, $" --bind 0.0.0.0:{p ?? "8000"}");
        return command;
    }

    private static Decision? Convention(Toolchain t, App app, KgNode entry, string? binary, int? port)
    {
        var kind = Prop(entry, "kind");
        var cwd = Prop(entry, "cwd") ?? app.Root;
        var file = entry.File is null ? null : Relative(entry.File, cwd);
        var p = port ?? 8000;
        return kind switch
        {
            "asgi" when file is not null => new Decision($"uvicorn {Module(file)}:{entry.Name} --host 0.0.0.0 --port {p}", "start.asgi-convention", 0.8, [Where(entry)]),
            "wsgi" or "wsgi-factory" when file is not null => new Decision($"gunicorn --bind 0.0.0.0:{p} {Module(file)}:{entry.Name}{(kind == "wsgi-factory" ? "()" : "")}", "start.wsgi-convention", 0.75, [Where(entry)]),
            "django-manage" when file is not null => new Decision($"python {file} runserver 0.0.0.0:{p}", "start.django-convention", 0.6, [Where(entry)]),
            "node-server" or "node-main" when file is not null && file.EndsWith(".js", StringComparison.Ordinal) => new Decision($"node {file}", "start.node-convention", 0.7, [Where(entry)]),
            "python-main" when file is not null => new Decision($"python {file}", "start.python-convention", 0.6, [Where(entry)]),
            _ => null,
        };
    }

    private static string Module(string file) => file[..^Path.GetExtension(file).Length].Replace('/', '.');

    internal static string Relative(string file, string cwd) => cwd == "." ? file : file.StartsWith(cwd + "/", StringComparison.Ordinal) ? file[(cwd.Length + 1)..] : file;

    private static string GoPackage(App app, AppFacts facts)
    {
        // GoMainRule has put the app's main package first.
        var main = facts.Entries.FirstOrDefault(e => Prop(e, "kind") == "go-main");
        if (main?.File is null)
            return "";
        var dir = Path.GetDirectoryName(Relative(main.File, app.Root))?.Replace('\\', '/') ?? "";
        return dir;
    }

    private static string RunScript(App app, string script) => (app.Builds.FirstOrDefault()?.PackageManager ?? app.Builds.FirstOrDefault()?.System) switch
    {
        "pnpm" => $"pnpm run {script}",
        "yarn" => $"yarn run {script}",
        _ => $"npm run {script}",
    };

    private static Decision Manifest(string command, string rule, App app) =>
        new(command, rule, 0.9, [app.Builds.FirstOrDefault()?.Lockfile ?? app.Builds.FirstOrDefault()?.Manifest ?? app.Root]);

    private static string Normalize(string command) => WhiteSpace().Replace(command.Trim(), " ");

    internal static string Where(KgNode node) => node.File is null ? $"graph:{node.Id}" : node.Range is { } r ? $"{node.File}:{r.StartLine}" : node.File;

    private static string? Prop(KgNode node, string key) => GraphFacts.Prop(node, key);

    [GeneratedRegex(@"(^|[\s/])(dev|develop|watch|nodemon|ts-node-dev|--reload|--watch|serve:dev|start:dev|vite)(\s|$|:)")]
    private static partial Regex DevPattern();

    [GeneratedRegex(@"(^|\s)(npx\s+(--yes\s+)?create-|npm\s+(init|create)\b|yarn\s+create\b|pnpm\s+create\b)|<[a-z][\w-]*>")]
    private static partial Regex NotAStart();

    [GeneratedRegex(@"(^|\s)flask\s+run\b")]
    private static partial Regex FlaskRun();

    [GeneratedRegex(@"(^|\s)uvicorn\s")]
    private static partial Regex Uvicorn();

    [GeneratedRegex(@"(^|[\s/;&|])gunicorn\b")]
    private static partial Regex Gunicorn();

    [GeneratedRegex(@"\s(-b|--bind)[\s=]")]
    private static partial Regex GunicornBind();

    [GeneratedRegex(@"manage\.py\s+runserver\b")]
    private static partial Regex RunServer();

    [GeneratedRegex(@"runserver\s+(\S*:)?\d+")]
    private static partial Regex RunServerAddress();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
