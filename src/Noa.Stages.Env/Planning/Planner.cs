using System.Globalization;
using System.Text.RegularExpressions;
using Noa.Abstractions;
using Noa.Abstractions.Env;
using Noa.Abstractions.Graph;
using Noa.Abstractions.Profiles;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>
/// Plans every app of the profile from the facts the earlier stages decided (the Classifier's apps, builds and lockfiles; the graph's
/// entry points, tasks, endpoints, env reads and stores) and the version pins of the source. Rules run in the fixed order of
/// <see cref="Rules"/>; each decision names its rule.
/// </summary>
internal static partial class Planner
{
    /// <summary>The rules, in the order they are tried (within each decision, earlier wins).</summary>
    public static readonly IReadOnlyList<string> Rules =
    [
        "toolchain: the app's language and build system (profile.json)",
        "runtime: exact pin file (.python-version, runtime.txt, .nvmrc, .node-version, rust-toolchain, global.json) > manifest constraint (requires-python, engines.node, go directive, rust-version, java.version/Gradle toolchain, TargetFramework) > default (Node: the newest LTS major images.lock holds when newer than 18); app folder before repository root; the locally built version (Node: that LTS major) when the constraint admits it; a Node major images.lock does not hold, when it holds others: the nearest of those, said so",
        "image: base images pinned by digest from images.lock when it holds the tag, else the tag unpinned",
        "package-manager: the Classifier's, from the lockfile",
        "install: the package manager's frozen install from the lockfile (npm ci with npm install as the fallback when package-lock.json names a dependency by dist-tag, which another npm may resolve otherwise; yarn and pnpm through corepack when it runs them, else installed with npm at package.json's packageManager version) > manifest install > none when nothing is declared; Python's requirements as Debian's python3-* packages when image builds reach apt and no pip index (this host's configuration), then every module the app's code imports checked in the image and a missing one's python3-* package installed (servers with no declared requirements too); Go modules and Rust crates as Debian's golang-*-dev and librust-*-dev packages when image builds reach apt, after the registry's own command when that registry is configured; none for vendored Go modules (vendor/modules.txt), built with -mod=vendor",
        "build: package.json build script > the toolchain's release build (go build, cargo build --release, mvn package, dotnet publish) > none; a package.json build script is not run when main or a bin under dist/ or build/ is already in the source (a published package); Prisma's client generated first when package.json depends on prisma or @prisma/client and the schema is in the source; Go builds the main package GoMainRule chooses (the module root or cmd/<module name> > cmd/* > other folders > examples, contrib, generators, tools and tests, which are left out when another exists)",
        "port: port variable (PORT, or one named the HTTP server's: *_HTTP_PORT, *_WEB_PORT …) with a literal default > literal in the start command (Procfile web, else the documented one) > that command's server program default (gunicorn/uvicorn 8000, flask run 5000, next start 3000) > the file a node start command runs, whatever its scope (a port variable's literal fallback, a listen literal) > a DEFAULT_PORT constant (or a module-level PORT = N) in product code > listen literal in an entry file or server.port > for Go: a listen-address flag's default in the main package (flag/pflag/cobra/kingpin, a flag helper given an address), a listen field of a struct literal there, a listen Default… constant of the module's packages it imports (peer/cluster/metrics listeners after the others; client targets never) > framework default; a Node CLI whose start runs its own bin: the --port its bin or README documents (passed explicitly, its shown default else 8080), else the port the README shows it listening on",
        "start: Procfile web > documented non-development command of the primary entry point > package.json start > framework convention for the entry (uvicorn, gunicorn, node FILE) > graph convention; compiled toolchains run their artefact; a Node package's own bin runs as node FILE (npm puts it on no PATH in the package itself); libraries run their tests; a Python server script with no manifest runs as python3 FILE; of a Python package's entry points (console scripts, __main__ modules) the one whose module or the package modules it imports starts a server, as python3 -m MODULE, when another does not (the app is then a server); a Python start whose file binds loopback gets --host=0.0.0.0 when a host option defaults to it, else the decision records the literal bind as a blocker; a Go command line whose main package starts a server (ListenAndServe, http.Serve, net.Listen) is a server; servers binding loopback by default (flask run, uvicorn, gunicorn, runserver, and a node FILE or npm start whose code declares a --listen/--host/--bind/--address option defaulting to localhost) are bound to 0.0.0.0 (0.0.0.0:PORT where the option takes host:port); a published npm package (no .gitignore/.npmignore/.git, a script naming a path it does not ship) installs with --omit=dev without its own install-time scripts, builds nothing, and starts its bin when its start script runs an unshipped path; a Go server whose docs pass a file flag its code declares (-hooks hooks.json) gets the source's file or its .example copied and passed, or the decision says the file is missing; a Node or Python server whose start code requires a file argument (a yargs/commander required positional, an argparse required=True option naming a file) gets the file its README runs it with when the source holds it (or its example), else the source's config file named after the program, else the content its docs give that file (the fenced block after the line naming it) written into the image, or the decision says which file it needs",
        "health: GET endpoint named health/healthz/ready/ping/status > GET / > the port (TCP)",
        "stores: the graph's store facts; sql resolved by the imported driver, then the driver a dependency manifest or Prisma schema declares, then env URL defaults, then the URL scheme literal where the database variable is read; SQLite is no service",
        "state: a server's data folders (a folder under its working folder the source does not hold, made by a literal mkdir or the literal default of a file or folder option, in product code or the file its start runs) are created in the image owned by its user and mounted as volumes; a file that reads HOME (or XDG_*_HOME, os.homedir, Path.home) and writes files makes HOME the user's, and the root file system writable; with neither the root stays read-only",
        "env: every variable product code reads (graph env facts), with default (the graph's, else the literal fallback at a read site), type and read sites, and those node-config's config/custom-environment-variables.json maps, and the upper-case literals of a file that reads process.env[name] through a variable (an options table); the file the start command runs counts whatever its scope (an example the start runs: the graph's reads there; a bundle the graph did not parse: its process.env reads); of a Go module with several main packages, reads below another main package's folder are that program's and left out; credentials are secrets",
    ];

    public static async Task<IReadOnlyList<PlannedApp>> PlanAsync(Profile profile, KnowledgeGraph graph, FileList? fileList, SourceText files, ImagesLock? images,
        IReadOnlyList<PackageRegistry> registries, CancellationToken ct)
    {
        var facts = GraphFacts.ByApp(graph, profile.Apps);
        var scopes = (fileList?.Files ?? []).ToDictionary(f => f.Path, f => f.Scope, StringComparer.Ordinal);
        var planned = new List<PlannedApp>();
        foreach (var app in profile.Apps.OrderBy(a => a.Root, StringComparer.Ordinal))
            planned.Add(await PlanAsync(app, facts[app.Root], profile.Workspaces, scopes, files, images, registries, ct).ConfigureAwait(false));
        return planned;
    }

    private static async Task<PlannedApp> PlanAsync(App app, AppFacts facts, IReadOnlyList<Workspace> workspaces, IReadOnlyDictionary<string, string> scopes, SourceText files, ImagesLock? images,
        IReadOnlyList<PackageRegistry> registries, CancellationToken ct)
    {
        var build = app.Builds.FirstOrDefault();
        var toolchain = Toolchain.For(app.Language, build?.System);
        var server = app.Kind is "service" or "web-app" or "worker";
        var env = await EnvRules.DecideAsync(app.Root, facts, scopes, files, ct).ConfigureAwait(false);
        var stores = await StoreRules.DecideAsync(app.Root, facts, files, ct).ConfigureAwait(false);
        if (toolchain is null || build is null)
        {
            var why = toolchain is null ? $"no supported toolchain for {app.Language ?? "an app without a language"} ({build?.System ?? "no build system"})" : "the app has no build manifest";
            var none = Decision.Undecided(why);
            return new PlannedApp(new AppPlan
            {
                Name = app.Name, Root = app.Root, Kind = app.Kind, Server = false, Runtime = none, BuildImage = none, RunImage = none,
                PackageManager = none, Install = none, Build = none, Start = none, Port = none, Health = none, Env = env, Stores = stores,
            }, new Recipe([], null), app.Root, null);
        }

        var contradictions = new List<Contradiction>();
        // A Python package whose entries are a server and its client (console scripts): the server's entry runs, and the app serves.
        var serverEntry = toolchain == Toolchain.Python ? await PythonServerEntryRule.DecideAsync(app.Root, facts, files, ct).ConfigureAwait(false) : null;
        if (serverEntry is not null)
            server = true;
        var goMains = facts.Entries.Where(e => GraphFacts.Prop(e, "kind") == "go-main" && e.File is not null).Select(e => GoSource.FolderOf(e.File!)).ToList();
        var goMain = toolchain == Toolchain.Go ? await GoMainRule.ApplyAsync(app.Root, facts, files, ct).ConfigureAwait(false) : null;
        if (toolchain == Toolchain.Go)
            env = EnvRules.WithoutOtherPrograms(env, GoSource.MainFolder(facts), goMains);
        var (runtime, runtimeConflict) = await RuntimeRules.DecideAsync(toolchain, app.Root, build.Manifest, files,
            NodeRules.NewestLts(toolchain, images), ct).ConfigureAwait(false);
        if (runtimeConflict is not null)
            contradictions.Add(runtimeConflict);
        if (NodeRules.NearestLocked(toolchain, runtime, images) is { } nearest)
            runtime = nearest;
        var version = runtime.Value!;
        var packageManager = new Decision(build.PackageManager ?? build.System, "package-manager.classifier", build.Lockfile is null ? 0.7 : 1,
            [build.Lockfile ?? build.Manifest]);
        var installDir = build.Lockfile is { } lockfile && toolchain == Toolchain.Node ? Folder(lockfile) : app.Root;
        var recipe = RecipeOf(toolchain, app, build, installDir, workspaces, files);
        var hasDependencies = await HasDependenciesAsync(toolchain, build, recipe, files, ct).ConfigureAwait(false);
        var packageJson = toolchain == Toolchain.Node ? await files.ReadAsync(build.Manifest, ct).ConfigureAwait(false) : null;
        var install = CommandRules.Install(toolchain, app, recipe, build.PackageManager ?? build.System, hasDependencies,
            NodeRules.Pinned(packageJson, build.PackageManager ?? build.System));
        if (toolchain == Toolchain.Node && NodeRules.TaggedLock(install, build.Lockfile,
                build.Lockfile is { } lockPath ? await files.ReadAsync(lockPath, ct).ConfigureAwait(false) : null) is { } tagged)
            install = tagged;
        var published = toolchain == Toolchain.Node ? PublishedPackageRule.Detect(app.Root, build.Manifest, packageJson, files) : null;
        if (published is not null)
            install = PublishedPackageRule.Install(install, published, packageJson);
        // A server's imports are checked in its image even when no manifest declares them (nrpe-ng's setup.py lists none).
        if (toolchain == Toolchain.Python && (hasDependencies || server) && DebianPython.Applies(registries))
        {
            recipe = new Recipe(DebianPython.Manifests(app.Root, files), null);
            install = DebianPython.Install(recipe.DependencyFiles, registries);
        }
        else if (hasDependencies && DebianSource.For(toolchain.Name, registries) is { } debian)
            install = debian.Install(install, registries);
        var compile = CommandRules.Build(toolchain, app, facts);
        if (goMain is not null)
            compile = compile with { Rule = $"{compile.Rule}; {goMain}" };
        // Vendored Go modules are the dependencies: nothing to download or map, and the build reads vendor/ (go.mod untouched).
        if (toolchain == Toolchain.Go && SourceText.Join(app.Root, "vendor/modules.txt") is var vendored && files.Exists(vendored))
        {
            install = new Decision(null, "install.go-vendored: vendor/modules.txt holds every module the build needs", 1, [vendored]);
            compile = compile with { Value = compile.Value?.Replace("go build ", "go build -mod=vendor ", StringComparison.Ordinal), Evidence = [.. compile.Evidence, vendored] };
        }
        if (install.Rule == DebianSource.Rule && toolchain == Toolchain.Rust)
            compile = compile with { Value = "cargo build --release", Rule = "build.cargo: without --locked, since Debian's crates are resolved instead of Cargo.lock's" };

        if (toolchain == Toolchain.Node && compile.Rule == "build.package-script" && NodeRules.Prebuilt(build.Manifest, packageJson, files) is { } prebuilt)
            compile = prebuilt;
        else if (published is not null && compile.Rule == "build.package-script")
            compile = new Decision(null, $"{NodeRules.PrebuiltRule}: {published.Rule}: it ships its build output, and its devDependencies are not installed", 0.8,
                [.. compile.Evidence, .. published.Evidence]);
        if (toolchain == Toolchain.Node && NodeRules.PrismaGenerate(build.Manifest, packageJson, files) is { } prisma)
            compile = prisma with
            {
                Value = compile.Value is { } then ? $"{prisma.Value} && {then}" : prisma.Value,
                Evidence = [.. prisma.Evidence, .. compile.Value is null ? [] : compile.Evidence],
            };
        var documented = facts.Entries.Where(e => GraphFacts.Prop(e, "role") == "primary" && GraphFacts.Prop(e, "commandSource") is { } s && s != "convention")
            .Select(e => GraphFacts.Prop(e, "command")).FirstOrDefault(c => c is not null);
        // The Procfile's web process is what start picks first, so its server program decides the port before the README's command.
        var procfile = facts.Tasks.Where(n => GraphFacts.Prop(n, "phase") == "run" && GraphFacts.Prop(n, "source") == "procfile" && GraphFacts.Prop(n, "name") == "web")
            .Select(n => GraphFacts.Prop(n, "command")).FirstOrDefault(c => c is not null && !CommandRules.IsDevelopment(c));
        // A Node command-line program deployed with a port (`peerjs --port 9000` in its README or Procfile) is that server. Node only: a
        // Go or Rust CLI's `serve --port` (hugo) is one command of many.
        if (!server && app.Kind == "cli" && toolchain == Toolchain.Node && (procfile ?? documented) is { } deployed && PortFlag().IsMatch(deployed))
            server = true;
        // A Go program whose main package starts a server is one, whatever the flags it parses made the Classifier call it.
        var goServes = !server && app.Kind == "cli" && toolchain == Toolchain.Go ? await GoServerRule.ServesAsync(facts, files, ct).ConfigureAwait(false) : null;
        server |= goServes is not null;
        var port = server ? await PortRules.DecideAsync(app, facts, env, procfile ?? documented, files, scopes, contradictions, ct).ConfigureAwait(false) : Decision.Undecided("port: not a server");
        var portNumber = port.Value is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : (int?)null;
        var binary = await BinaryAsync(toolchain, app, build, files, ct).ConfigureAwait(false);
        var (start, startConflict) = CommandRules.Start(toolchain, app, facts, binary, portNumber);
        if (startConflict is not null)
            contradictions.Add(startConflict);
        // Not over a deployment's own command (Procfile, README): only over the conventions of the graph's first entry.
        if (serverEntry is not null && start.Rule is "start.python-convention" or "start.graph-convention" || serverEntry is not null && start.Value is null)
            start = serverEntry;
        if (published is not null && PublishedPackageRule.Start(app.Root, start, build.Manifest, packageJson, files) is { } shipped)
            start = shipped;
        if (goServes is not null)
            start = GoServerRule.Note(start, goServes);
        if (toolchain == Toolchain.Node && await NodeRules.OwnBinAsync(start, build.Manifest, packageJson, files, ct).ConfigureAwait(false) is { } ownBin)
            start = ownBin;
        // A Node CLI whose own bin, started as it is, serves (http-server): a server on the port its flag or README shows.
        if (!server && app.Kind == "cli" && toolchain == Toolchain.Node
            && await CliServerRule.DecideAsync(app.Root, start, build.Manifest, packageJson, files, ct).ConfigureAwait(false) is { } cli)
            (server, start, port) = (true, cli.Start, cli.Port);
        string? runFile = null;
        if (server && toolchain == Toolchain.Go && await ConfigFlagRule.DecideAsync(app.Root, app.Name.Split('/')[^1], start, files, ct).ConfigureAwait(false) is { } configured)
            (start, runFile) = configured;
        // A server script with no manifest (the Classifier's app of a lone .py file): the file runs itself.
        if (start.Value is null && ScriptOf(toolchain, build) is { } script)
            start = new Decision($"python3 {CommandRules.Relative(script, app.Root)}", "start.script: a server script with no manifest runs as python3 FILE", 0.7, [script]);
        if (server)
            start = await LoopbackRule.ApplyAsync(toolchain, app.Root, start, port.Value, scopes, files, ct).ConfigureAwait(false);
        // A file argument the server's code requires (json-server's <source>, nrpe-ng's --config): the source's, or the docs' content.
        RequiredFileRule.Written? written = null;
        if (server && RequiredFileRule.StartCode(toolchain, app.Root, start.Value, files) is { Count: > 0 } code
            && await RequiredFileRule.DecideAsync(toolchain, app.Root, code,
                toolchain == Toolchain.Node ? NodeRules.BinNames(packageJson)
                    : [.. facts.Entries.Where(e => GraphFacts.Prop(e, "kind") == "console-script" && e.File is { } file && code.Contains(file)).Select(e => e.Name)],
                start, files, ct).ConfigureAwait(false) is { } required)
            (start, written) = required;
        if (app.Kind == "library")
            start = new Decision(null, "start.library: a library has no start command; its image runs the tests", 1, []);
        env = await EnvRules.WithStartFileAsync(env, EnvRules.StartFileOf(app.Root, start.Value, packageJson), facts, scopes, files, ct).ConfigureAwait(false);
        var state = server
            ? await StateRule.DecideAsync(app.Root, toolchain.Name, Files.DockerfileWriter.WorkDir(toolchain.Name, app.Root),
                PortRules.NodeStartFileOf(start.Value) is { } startFile ? SourceText.Join(app.Root, startFile) : null, scopes, files, ct).ConfigureAwait(false)
            : [];
        var portVariable = PortRules.PortVariableOf(facts) ?? (start.Value is { } command && command.Contains("$PORT", StringComparison.Ordinal) || start.Value?.Contains("${PORT", StringComparison.Ordinal) == true ? "PORT" : null);

        return new PlannedApp(new AppPlan
        {
            Name = app.Name,
            Root = app.Root,
            Kind = app.Kind,
            Server = server,
            Toolchain = toolchain.Name,
            Runtime = runtime,
            BuildImage = Image(toolchain.BuildImage(version), images),
            RunImage = Image(toolchain.RunImage(version), images),
            PackageManager = packageManager,
            Install = install,
            Build = compile,
            Start = start,
            Port = port,
            Health = server ? HealthRule.Decide(facts) : Decision.Undecided("health: not a server"),
            Stores = stores,
            Env = env,
            State = state,
            Contradictions = contradictions,
        }, recipe with { Artifact = Artifact(toolchain, binary), RunFiles = runFile is null ? null : [runFile], Written = written }, installDir, portVariable,
            start.Value is { } run && RunsWith().Match(run) is { Success: true } tool ? NodeRules.Setup(tool.Groups["pm"].Value, NodeRules.Pinned(packageJson, tool.Groups["pm"].Value)) : null);
    }

    private static Decision Image(string tag, ImagesLock? images)
    {
        if (images?.Find(tag) is { } locked)
            return new Decision(locked.Pinned(tag), "image.locked", 1, ["images.lock"]);
        return new Decision(tag, images is null ? "image.unpinned: no images.lock (make lock-images)" : "image.unpinned: images.lock does not hold this tag", 0.6, []);
    }

    private static Recipe RecipeOf(Toolchain t, App app, AppBuild build, string installDir, IReadOnlyList<Workspace> workspaces, SourceText files)
    {
        // A workspace member installs at the workspace root, which needs every member's manifest (npm ci checks them against the lockfile).
        var members = t.Name == "node" && installDir != app.Root
            ? workspaces.Where(w => w.Root == installDir).SelectMany(w => w.Members).Select(m => SourceText.Join(m, "package.json"))
            : [];
        IEnumerable<string> candidates = t.Name switch
        {
            "python" => [SourceText.Join(app.Root, "requirements.txt")],
            "node" => [SourceText.Join(installDir, "package.json"), .. members, build.Manifest, build.Lockfile ?? "", SourceText.Join(installDir, ".npmrc")],
            "go" => [SourceText.Join(app.Root, "go.mod"), SourceText.Join(app.Root, "go.sum")],
            "java" when build.System == "maven" => [build.Manifest],
            "dotnet" => [build.Manifest, "Directory.Build.props", "Directory.Packages.props", "NuGet.config", "nuget.config", "global.json"],
            _ => [],
        };
        return new Recipe([.. candidates.Where(c => c.Length > 0 && files.Exists(c)).Distinct(StringComparer.Ordinal)], null);
    }

    private static async Task<bool> HasDependenciesAsync(Toolchain t, AppBuild build, Recipe recipe, SourceText files, CancellationToken ct)
    {
        if (t.Name == "python")
        {
            // A server script with no manifest needs what it imports (checked when the image is built).
            if (ScriptOf(t, build) is not null)
                return true;
            if (recipe.DependencyFiles.FirstOrDefault(f => f.EndsWith("requirements.txt", StringComparison.Ordinal)) is { } req)
                return (await files.ReadAsync(req, ct).ConfigureAwait(false) ?? "").Split('\n').Any(l => l.Trim() is { Length: > 0 } s && !s.StartsWith('#'));
            var manifest = await files.ReadAsync(build.Manifest, ct).ConfigureAwait(false) ?? "";
            return PythonDependencies().IsMatch(manifest) || PoetryDependencies().IsMatch(manifest);
        }
        if (t.Name == "node")
        {
            var manifest = await files.ReadAsync(build.Manifest, ct).ConfigureAwait(false) ?? "";
            return NodeDependencies().IsMatch(manifest);
        }
        return true;
    }

    /// <summary>The .py file that stands for a Python app's manifest (a server script with no manifest), or null.</summary>
    private static string? ScriptOf(Toolchain t, AppBuild? build) =>
        t == Toolchain.Python && build?.Manifest is { } m && m.EndsWith(".py", StringComparison.Ordinal) && Path.GetFileName(m) != "setup.py" ? m : null;

    private static async Task<string?> BinaryAsync(Toolchain t, App app, AppBuild build, SourceText files, CancellationToken ct)
    {
        switch (t.Name)
        {
            case "go":
                return "/app/server";
            case "java":
                return "java -jar /app/app.jar";
            case "rust":
                var cargo = await files.ReadAsync(build.Manifest, ct).ConfigureAwait(false) ?? "";
                return CargoName().Match(cargo) is { Success: true } m ? $"/app/{m.Groups["n"].Value}" : null;
            case "dotnet":
                var project = await files.ReadAsync(build.Manifest, ct).ConfigureAwait(false) ?? "";
                var assembly = AssemblyName().Match(project) is { Success: true } a ? a.Groups["n"].Value : Path.GetFileNameWithoutExtension(build.Manifest);
                return $"dotnet /app/{assembly}.dll";
            default:
                return null;
        }
    }

    private static string? Artifact(Toolchain t, string? binary) => t.Name switch
    {
        "go" => "/out/server",
        "rust" when binary is not null => $"target/release/{binary["/app/".Length..]}",
        "java" => "/out/app.jar",
        "dotnet" => "/out/",
        _ => null,
    };

    private static string Folder(string path) => Path.GetDirectoryName(path)?.Replace('\\', '/') is { Length: > 0 } d ? d : ".";

    [GeneratedRegex(@"\s(--port|-p)[\s=]+\d{2,5}\b")]
    private static partial Regex PortFlag();

    [GeneratedRegex(@"^(?<pm>yarn|pnpm)\s")]
    private static partial Regex RunsWith();

    [GeneratedRegex(@"(?ms)^\[project\].*?^dependencies\s*=\s*\[\s*[""']")]
    private static partial Regex PythonDependencies();

    [GeneratedRegex(@"(?ms)^\[tool\.poetry\.dependencies\]\s*\n(?:(?!^\[).)*^(?!python\s*=)[A-Za-z0-9_.-]+\s*=")]
    private static partial Regex PoetryDependencies();

    [GeneratedRegex(@"""(dependencies|devDependencies)""\s*:\s*\{\s*""")]
    private static partial Regex NodeDependencies();

    [GeneratedRegex(@"(?ms)^\[package\].*?^name\s*=\s*""(?<n>[^""]+)""")]
    private static partial Regex CargoName();

    [GeneratedRegex(@"<AssemblyName>\s*(?<n>[^<\s]+)\s*</AssemblyName>")]
    private static partial Regex AssemblyName();
}
