using Noa.Abstractions.Profiles;

namespace Noa.Stages.Runner.Planning;

/// <summary>
/// Plans install, build and test steps from what the repository says about itself, read by the Graph stage into kg.json's
/// <c>task</c> nodes (each with its file and line), in this order of trust: CI workflows (what the project really runs), an
/// environment plan (Env Synthesis, when it lands), Makefile and justfile targets, package.json scripts, README code blocks, and
/// the build tool's convention (<c>go test ./...</c>, <c>cargo test</c>, <c>mvn test</c>, <c>dotnet test</c>). A command that names a
/// file the source lacks, needs a tool the capsule does not have, or never ends (watch modes) is left out with the reason; after
/// the repository's own commands come what the platform offers (<c>python3 -m unittest</c>, <c>node --test</c>, a byte-compile).
/// A folder with no runnable test gets a smoke step instead (see <c>Smoke/</c>).
/// </summary>
internal static class Planner
{
    /// <summary>Lower is trusted first; <c>env</c> is Env Synthesis's plan (one more input once it exists).</summary>
    public static int OriginRank(string origin) => origin switch
    {
        "ci" => 0, "env" => 1, "tox" or "nox" => 2, "makefile" or "justfile" => 3, "package.json" => 4, "readme" => 5, "convention" => 6, _ => 7,
    };

    private static readonly string[] Phases = ["install", "build", "test"];
    private const int MaxCandidates = 4;

    /// <param name="read">The text of a source file by its path (package.json, lockfiles), or null when it has none; without it, a
    /// lockfile is taken as current.</param>
    public static Plan Create(KgFacts kg, Profile? profile, IReadOnlySet<string> files, Toolbox tools, InstallAccess access, int maxApps,
        Func<string, string?>? read = null)
    {
        read ??= _ => null;
        var notes = new List<string>();
        var folders = Folders(kg, profile, files);
        if (folders.Count > maxApps)
        {
            notes.Add($"{folders.Count} folders have build or test tasks; the first {maxApps} are planned (Noa:Runner:MaxApps): {string.Join(", ", folders.Skip(maxApps).Select(Show))} are not.");
            folders = folders.Take(maxApps).ToList();
        }
        var steps = new List<PlannedStep>();
        var baseTools = tools;
        foreach (var folder in folders)
        {
            var language = Language(folder, profile, files);
            var debian = DebianPython.Applies(folder, language, files, kg.Tasks, baseTools, access);
            var pytest = debian && DebianPython.UsesPytest(folder, files, kg.Tasks);
            // python3-pytest brings its scripts too (pyroot's usr/bin is on the steps' PATH): a project's own `pytest tests` runs.
            tools = pytest ? baseTools.WithPythonModules("pytest").WithTools("pytest", "py.test") : baseTools;
            // Go modules and Rust crates from Debian (Planning/DebianSource): a fallback after the registry's own command when the
            // registry is configured (it may not answer), else a step of its own, since the repository's install commands (a CI job's
            // npm install) do not fetch them. Python's from Debian (Planning/DebianPython) only applies with no pip index: always a
            // step of its own after the folder's install, so a failing pip install and the Debian install are reported apart.
            var debianSources = DebianSource.All.Where(d => d.Applies(folder, language, files, baseTools, access)).ToList();
            var dotnet = DotnetTarget.Of(folder, kg.Tasks, files);
            var node = language == "node" ? NodeManager.Of(folder, files, read) : null;
            var staleLock = node?.Tool == "npm" ? NodeManager.StaleLockfile(folder, read) : null;
            if (node?.Provision() is { } provision && !tools.Has(node.Tool) && tools.Has("npm") && access.Refusal(provision.Command) is null)
            {
                steps.Add(new PlannedStep(NextId(steps), "install", folder, [provision], [], null));
                tools = tools.WithTools(node.Tool);
            }
            foreach (var phase in Phases)
            {
                if (phase == "build")
                {
                    if (debian)
                        steps.Add(new PlannedStep(NextId(steps), "install", folder, [pytest ? DebianPython.PytestCandidate : DebianPython.Candidate], [], null));
                    foreach (var own in debianSources.Where(d => !access.Reaches(d.Ecosystem)))
                        steps.Add(new PlannedStep(NextId(steps), "install", folder, [own.Candidate], [], null));
                }
                var skipped = new List<string>();
                var candidates = new List<Candidate>();
                foreach (var task in kg.Tasks.Where(t => t.Phase == phase && t.Cwd == folder)
                             .OrderBy(t => OriginRank(t.Source)).ThenBy(t => t.File, StringComparer.Ordinal).ThenBy(t => t.Line))
                {
                    var command = DotnetTarget.Name(task.Command, dotnet);
                    var reason = $"{phase} command from {task.Source}" + (command == task.Command ? "" : $", naming {dotnet} (the folder holds more than one project or solution file)");
                    if (!tools.Has("python") && tools.Has("python3") && CommandWords.WithPython3(command) is { } python3)
                        (command, reason) = (python3, reason + ", its python run as python3 (the capsule has only python3)");
                    var candidate = new Candidate(command, task.Source, task.File, task.Line, reason);
                    if (candidates.Any(c => c.Command == command))
                        continue;
                    if (Unrunnable(command, task.Missing, tools) is { } why)
                        skipped.Add($"{command} ({candidate.Where}): {why}");
                    else if (task.Source == "readme" && CommandWords.AddsPackages(task.Command))
                        skipped.Add($"{task.Command} ({candidate.Where}): it adds named packages, a user's install of the published package, not this source's dependencies");
                    else
                        candidates.Add(candidate);
                }
                var owns = Platform(phase, folder, language, files, tools, staleLock).Select(c => c with { Command = DotnetTarget.Name(c.Command, dotnet) });
                if (phase == "install")
                    owns = owns.Concat(debianSources.Where(d => access.Reaches(d.Ecosystem)).Select(d => d.Candidate));
                foreach (var own in owns.Where(p => candidates.All(c => c.Command != p.Command)))
                {
                    if (Unrunnable(own.Command, null, tools) is { } why)
                        skipped.Add($"{own.Command} ({own.Why}): {why}");
                    else
                        candidates.Add(own);
                }
                if (phase == "install" && candidates.FirstOrDefault(c => c.Command == NpmCi) is { } ci && node?.Tool == "npm" && staleLock is null)
                {
                    // A current lockfile: npm ci installs exactly it and resolves nothing, where the documented `npm install` may
                    // rewrite it first (an install the same lockfile allows, in a fraction of the time).
                    var replaced = candidates.Where(c => c.Command is "npm install" or "npm i").ToList();
                    skipped.AddRange(replaced.Select(c => $"{c.Command} ({c.Where}): the lockfile is current, so npm ci installs exactly it"));
                    candidates = [ci, .. candidates.Where(c => c != ci && !replaced.Contains(c))];
                }
                if (phase == "install" && candidates.Contains(NpmInstall.Candidate)
                    && candidates.Where(c => c.Command is "npm install" or "npm i").ToList() is { Count: > 0 } documented)
                {
                    // No lockfile: the Runner's install runs the documented `npm install` first, then again without a devDependency
                    // the registry serves no matching version of.
                    skipped.AddRange(documented.Select(c => $"{c.Command} ({c.Where}): the Runner's npm install runs it, and again without a devDependency the registry serves no matching version of"));
                    candidates = [NpmInstall.Candidate, .. candidates.Where(c => c != NpmInstall.Candidate && !documented.Contains(c))];
                }
                if (candidates.Count > MaxCandidates)
                {
                    skipped.AddRange(candidates.Skip(MaxCandidates).Select(c => $"{c.Command} ({c.Where}): more than {MaxCandidates} candidates"));
                    candidates = candidates.Take(MaxCandidates).ToList();
                }
                if (candidates.Count == 0 && skipped.Count == 0)
                    continue;
                string? notRun = null;
                if (phase == "install" && candidates.Count > 0)
                {
                    var refused = candidates.Select(c => (c, Why: access.Refusal(c.Command))).Where(r => r.Why is not null).ToList();
                    if (refused.Count == candidates.Count)
                        notRun = string.Join("; ", refused.Select(r => r.Why).Distinct(StringComparer.Ordinal))
                            + "; the steps after run on what the source and the host's toolchains hold";
                    else
                    {
                        skipped.AddRange(refused.Select(r => $"{r.c.Command} ({r.c.Where}): {r.Why}"));
                        candidates = [.. candidates.Where(c => refused.All(r => r.c != c))];
                    }
                }
                else if (candidates.Count == 0 && phase != "test")
                    notRun = "no command can run here: " + string.Join("; ", skipped);
                if (candidates.Count == 0 && phase == "test")
                    continue; // a smoke step takes its place
                steps.Add(new PlannedStep($"s{steps.Count + 1}", phase, folder, candidates, skipped, notRun));
            }
        }
        if (folders.Count == 0)
            notes.Add("the repository documents no install, build or test command and no build system was recognised");
        return new Plan(steps, notes);
    }

    /// <summary>The id the next step of a plan gets.</summary>
    public static string NextId(IReadOnlyList<PlannedStep> steps) => $"s{steps.Count + 1}";

    private static string Show(string folder) => folder.Length == 0 ? "." : folder;

    private static string? Unrunnable(string command, string? missing, Toolbox tools)
    {
        if (missing is not null)
            return $"it names {missing}, which the source does not have";
        if (CommandWords.Refused(command) is { } refused)
            return refused;
        var (tool, module) = CommandWords.Tool(command);
        if (tool.StartsWith("./", StringComparison.Ordinal))
            return null; // a script of the repository's own
        if (!tools.Has(tool))
            return $"{tool} is not installed in the capsule (the host's /usr)";
        if (module is not null && !tools.HasPythonModule(module))
            return $"the Python module {module} is not installed in the capsule (Debian's python3-{module} would provide it)";
        return null;
    }

    // Folders with something to build or test: the root first, then by how much the repository says about them, then by path.
    private static List<string> Folders(KgFacts kg, Profile? profile, IReadOnlySet<string> files)
    {
        var score = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var task in kg.Tasks.Where(t => t.Phase is "build" or "test"))
            score[task.Cwd] = score.GetValueOrDefault(task.Cwd) + (task.Source == "convention" ? 1 : 2);
        foreach (var app in profile?.Apps ?? [])
        {
            var root = app.Root == "." ? "" : app.Root;
            score.TryAdd(root, 0);
        }
        if (score.Count == 0 && Language("", profile, files) is not null)
            score[""] = 0;
        return [.. score.OrderBy(s => s.Key.Length == 0 ? 0 : 1).ThenByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key)];
    }

    /// <summary>The folder's language as the Runner's own fallbacks need it: python, node, go, rust, java, dotnet, or null.</summary>
    internal static string? Language(string folder, Profile? profile, IReadOnlySet<string> files)
    {
        string P(string name) => folder.Length == 0 ? name : folder + "/" + name;
        var app = profile?.Apps.FirstOrDefault(a => (a.Root == "." ? "" : a.Root) == folder);
        var system = app?.Builds.FirstOrDefault()?.System;
        if (files.Contains(P("package.json")) || system is "npm" or "pnpm" or "yarn" or "bun")
            return "node";
        if (files.Contains(P("go.mod")) || system == "go-modules")
            return "go";
        if (files.Contains(P("Cargo.toml")) || system == "cargo")
            return "rust";
        if (files.Contains(P("pom.xml")) || files.Contains(P("build.gradle")) || files.Contains(P("build.gradle.kts")) || system is "maven" or "gradle")
            return "java";
        if (system == "dotnet" || files.Any(f => Under(f, folder) && (f.EndsWith(".sln", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))))
            return "dotnet";
        if (files.Contains(P("pyproject.toml")) || files.Contains(P("setup.py")) || files.Contains(P("setup.cfg")) || app?.Language == "Python"
            || (folder.Length == 0 && profile?.Languages.FirstOrDefault()?.Name == "Python"))
            return "python";
        return app?.Language switch { "JavaScript" or "TypeScript" => "node", "Go" => "go", "Rust" => "rust", "Java" => "java", "C#" => "dotnet", _ => null };
    }

    // The platform's test runners find nothing in a folder with no test files, and "no tests" is not a result: a smoke step is.
    private static bool HasTests(IReadOnlySet<string> files, string folder, Func<string, bool> isTest) =>
        files.Any(f => Under(f, folder) && !f.Contains("node_modules/", StringComparison.Ordinal) && isTest(folder.Length == 0 ? f : f[(folder.Length + 1)..]));

    private static bool Under(string path, string folder) => folder.Length == 0 || path.StartsWith(folder + "/", StringComparison.Ordinal);

    // What the platform offers when the repository's own commands cannot run here, or say nothing.
    private const string NpmCi = "npm ci";

    private static IEnumerable<Candidate> Platform(string phase, string folder, string? language, IReadOnlySet<string> files, Toolbox tools, string? staleLock)
    {
        string P(string name) => folder.Length == 0 ? name : folder + "/" + name;
        Candidate Own(string command, string why) => new(command, "runner", null, 0, why);
        switch (language, phase)
        {
            case ("node", "install") when files.Contains(P("package-lock.json")) || files.Contains(P("npm-shrinkwrap.json")):
                yield return staleLock is null ? Own(NpmCi, "npm installs exactly what the lockfile names")
                    : Own("npm install", $"npm ci would refuse the lockfile: {staleLock}");
                break;
            case ("node", "install") when !files.Contains(P("yarn.lock")) && !files.Contains(P("pnpm-lock.yaml")):
                yield return tools.Has("python3") ? NpmInstall.Candidate
                    : Own("npm install", "no lockfile: npm installs package.json's dependencies and devDependencies, the test tools among them");
                break;
            case ("dotnet", "install"):
                yield return Own("dotnet restore", "the .NET convention: restore before the build, which then runs with no network");
                break;
            case ("rust", "install"):
                yield return Own("cargo fetch", "the Cargo convention: fetch before the offline build");
                break;
            case ("go", "install") when files.Contains(P("go.mod")):
                yield return Own("go mod download", "the Go convention: download go.mod's modules before the offline build");
                break;
            case ("python", "build") when tools.Has("python3"):
                yield return Own("python3 -m compileall -q -x '(^|/)(\\.git|node_modules|\\.venv|venv|\\.tox|\\.noa-runner)/' .", "Python has no build step: byte-compiling every module finds syntax errors (not the Debian packages the Runner unpacked under .noa-runner)");
                break;
            case ("python", "test") when tools.Has("python3") && HasTests(files, folder, f => f.EndsWith(".py", StringComparison.Ordinal)
                && (Path.GetFileName(f).StartsWith("test", StringComparison.Ordinal) || f.EndsWith("_test.py", StringComparison.Ordinal))):
                if (tools.HasPythonModule("pytest"))
                    yield return Own("python3 -m pytest -q", "pytest collects pytest and unittest tests alike");
                var top = new[] { "tests", "test", "Lib/test" }.FirstOrDefault(d => files.Any(f => f.StartsWith(P(d) + "/", StringComparison.Ordinal)));
                // From the root (-t .) only when the tests folder is a package: unittest cannot import one that is not ("Start directory
                // is not importable"), while discovery from inside it puts it first on sys.path and the root stays on it as the cwd.
                yield return Own(top is null ? "python3 -m unittest discover -v"
                        : files.Contains(P(top) + "/__init__.py") ? $"python3 -m unittest discover -v -s {top} -t ." : $"python3 -m unittest discover -v -s {top}",
                    "the standard library's unittest discovery: no package to install");
                break;
            case ("node", "test") when tools.Has("node") && HasTests(files, folder, f => f.Contains("/test/", StringComparison.Ordinal)
                || f.StartsWith("test/", StringComparison.Ordinal) || f.Contains(".test.", StringComparison.Ordinal) || f.Contains(".spec.", StringComparison.Ordinal)):
                yield return Own("node --test", "Node's built-in test runner finds *.test.js, test/*.js and the like");
                break;
            case ("go", "build"):
                yield return Own("go build ./...", "the Go convention");
                break;
            case ("go", "test"):
                yield return Own("go test -json ./...", "the Go convention, with per-test JSON");
                break;
            case ("rust", "build"):
                yield return Own("cargo build --offline", "the Cargo convention, offline");
                break;
            case ("rust", "test"):
                yield return Own("cargo test --offline", "the Cargo convention, offline");
                break;
            case ("java", "test") when files.Contains(P("pom.xml")):
                yield return Own("mvn -o -B -q test", "the Maven convention, offline");
                break;
            case ("dotnet", "test"):
                yield return Own("dotnet test", "the .NET convention");
                break;
        }
    }
}
