using Noa.Stages.Classifier.Manifests;
using Noa.Stages.Classifier.Scanning;

namespace Noa.Stages.Classifier.Apps;

/// <summary>
/// The apps and workspaces of the product scope. A unit is a folder with a project manifest (<see cref="ProjectUnits"/>); it owns the
/// product files below it that no deeper unit owns, and it is an app when it owns programming-language files or its manifests show
/// a framework. Per app: name, root, most used language, frameworks of its manifests, builds, workspace, and the kind its own
/// evidence decides (<see cref="AppKinds"/>).
/// </summary>
internal static class AppDetector
{
    public static async Task<(IReadOnlyList<App> Apps, IReadOnlyList<Workspace> Workspaces)> DetectAsync(
        IReadOnlyList<FileScan> scans, Findings findings, Func<string, CancellationToken, Task<string?>> read, CancellationToken cancellationToken)
    {
        var declared = await WorkspaceReader.ReadAsync(scans, read, cancellationToken).ConfigureAwait(false);
        var nxRoots = declared.Where(w => w.Tool == "nx").Select(w => w.Root).ToArray();
        var manifests = await ProjectUnits.FindAsync(scans, read, nxRoots, cancellationToken).ConfigureAwait(false);
        manifests.AddRange(ScriptServers(scans, manifests));
        if (manifests.Count == 0)
        {
            return ([], []);
        }
        var units = manifests.GroupBy(m => m.Root, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        // Each product file belongs to the deepest unit above it.
        var owned = units.Keys.ToDictionary(k => k, _ => new List<FileScan>(), StringComparer.Ordinal);
        foreach (var scan in scans)
        {
            if (scan.Scope == FileScopes.Product && Owner(ProjectUnits.Folder(scan.Path), units) is { } owner)
            {
                owned[owner].Add(scan);
            }
        }

        var lockPaths = scans.Where(s => s.Scope is FileScopes.Product or FileScopes.Generated).Select(s => s.Path).ToHashSet(StringComparer.Ordinal);
        var own = findings.Frameworks().ToDictionary(f => f.Id, f => f.Kind, StringComparer.Ordinal);
        var workspaceRoots = declared.Select(d => d.Root).ToHashSet(StringComparer.Ordinal);
        var apps = new List<App>();
        foreach (var (root, unitManifests) in units.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            var files = owned[root];
            // Only the languages its manifests build count: a workspace root's package.json does not own the Python scripts beside it.
            var ecosystems = unitManifests.Select(m => m.Ecosystem).ToHashSet(StringComparer.Ordinal);
            var language = files
                .Where(f => f.Language is { Type: "programming" } && f.Category != FileCategory.Generated)
                .Select(f => (File: f, Name: Languages.LanguageCatalog.Instance.Find(f.Language!.Group)?.Name ?? f.Language!.Name))
                .Where(f => EcosystemOf(f.Name) is { } e && ecosystems.Contains(e))
                .GroupBy(f => f.Name, StringComparer.Ordinal)
                .OrderByDescending(g => g.Sum(f => f.File.Size)).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key).FirstOrDefault();
            var paths = unitManifests.Select(m => m.Path).ToHashSet(StringComparer.Ordinal);
            // Its manifests' frameworks and those its own product files import.
            var frameworks = paths.Concat(files.Where(f => f.Imports is not null).Select(f => f.Path))
                .SelectMany(p => findings.FrameworksByPath.GetValueOrDefault(p) ?? [])
                .Where(own.ContainsKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            if (language is null && (workspaceRoots.Contains(root)
                || !frameworks.Any(f => own[f] is "http" or "frontend" or "fullstack" or "worker" or "cli" or "rpc" or "desktop" or "mobile")))
            {
                // Tool configuration, end-to-end tests, or a workspace root with no code of its own (Nx keeps every project's
                // dependencies in the root package.json).
                continue;
            }
            // Files of another ecosystem below it (scripts beside a workspace root) say nothing about what it is.
            var code = files.Where(f => f.Language is not { Type: "programming" }
                || EcosystemOf(Languages.LanguageCatalog.Instance.Find(f.Language.Group)?.Name ?? f.Language.Name) is not { } e || ecosystems.Contains(e)).ToList();
            var primary = unitManifests.OrderBy(m => m.Ecosystem == EcosystemOf(language) ? 0 : 1).ThenBy(m => Rank(m.Path)).ThenBy(m => m.Path, StringComparer.Ordinal).ToList();
            // A manifest of another ecosystem builds the app only when the app has code of that ecosystem (a Python app's
            // package.json for its own scripts); an end-to-end test package beside it does not.
            var codeEcosystems = code.Where(f => f.Language is { Type: "programming" })
                .Select(f => EcosystemOf(Languages.LanguageCatalog.Instance.Find(f.Language!.Group)?.Name ?? f.Language!.Name)).ToHashSet(StringComparer.Ordinal);
            var builds = new List<AppBuild>();
            foreach (var m in primary.Where((m, i) => i == 0 || codeEcosystems.Contains(m.Ecosystem)))
            {
                var build = await AppBuilds.ForAsync(m, lockPaths, read, cancellationToken).ConfigureAwait(false);
                if (!builds.Any(b => b.System == build.System && b.Manifest == build.Manifest))
                {
                    builds.Add(build);
                }
            }
            string? name = null;
            foreach (var m in primary)
            {
                name ??= await ProjectUnits.NameAsync(m, read, cancellationToken).ConfigureAwait(false);
            }
            // Its manifests vote, and the Procfile in its folder: the process types it declares are what the app runs as.
            var procfile = root.Length == 0 ? "Procfile" : root + "/Procfile";
            var (kind, confidence, evidence) = AppKinds.Decide(findings.Votes.Where(v => paths.Contains(v.Evidence.Path) || v.Evidence.Path == procfile), code, root,
                unitManifests.Any(m => m.Ecosystem == "go"));
            apps.Add(new App(name ?? (root.Length == 0 ? "app" : FileScanner.Basename(root)), Display(root), kind, language, frameworks, builds,
                null, confidence, evidence));
        }

        var workspaces = new List<Workspace>();
        var appRoots = apps.Select(a => Raw(a.Root)).ToArray();
        var byPackageManager = declared.Where(d => d.Tool is "npm" or "yarn" or "pnpm" or "bun").ToList();
        foreach (var d in declared)
        {
            var below = appRoots.Where(r => r != d.Root && ProjectUnits.Within(r, d.Root)).Select(r => Relative(r, d.Root)).ToArray();
            IEnumerable<string> members = d.Tool switch
            {
                // Nx: every project below it; Turborepo: the package manager's workspace members.
                "nx" => below,
                "turborepo" => byPackageManager.Where(p => p.Root == d.Root).SelectMany(p => MemberGlob.Select(p.Members!, below)),
                _ => MemberGlob.Select(d.Members!, below),
            };
            var roots = members.Select(m => d.Root.Length == 0 ? m : d.Root + "/" + m).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            if (roots.Length > 0)
            {
                workspaces.Add(new Workspace(d.Tool, Display(d.Root), d.Manifest, [.. roots.Select(Display)]));
            }
        }
        workspaces = [.. workspaces.OrderBy(w => w.Root, StringComparer.Ordinal).ThenBy(w => w.Tool, StringComparer.Ordinal).ThenBy(w => w.Manifest, StringComparer.Ordinal)];

        // An app's workspace is the deepest one that lists it.
        var result = apps.Select(a => a with
        {
            Workspace = workspaces.Where(w => w.Members.Contains(a.Root)).OrderByDescending(w => Raw(w.Root).Length).Select(w => w.Root).FirstOrDefault(),
        }).ToArray();
        return (result, workspaces);
    }

    /// <summary>
    /// Python servers with no manifest (a folder with <c>app.py</c>, its templates and static files): a product <c>.py</c> file with a
    /// <c>__main__</c> guard that starts a server, in a folder no unit owns, makes its folder a unit of its own, the file standing
    /// for the manifest. A module folder without such a file, a script that does not serve, and tests (not product scope) do not.
    /// </summary>
    private static IEnumerable<UnitManifest> ScriptServers(IReadOnlyList<FileScan> scans, List<UnitManifest> manifests)
    {
        var roots = manifests.Select(m => m.Root).ToHashSet(StringComparer.Ordinal);
        var units = roots.ToDictionary(r => r, _ => new List<UnitManifest>(), StringComparer.Ordinal);
        foreach (var scan in scans)
        {
            if (scan is { Scope: FileScopes.Product, Language.Name: "Python" } && scan.Path.EndsWith(".py", StringComparison.Ordinal)
                && scan.Signals is { } signals && signals.Any(s => s.Kind == SignalKind.EntryPoint) && signals.Any(s => s.Kind == SignalKind.HttpServer)
                && Owner(ProjectUnits.Folder(scan.Path), units) is null)
            {
                yield return new UnitManifest(scan.Path, ProjectUnits.Folder(scan.Path), "pypi");
            }
        }
    }

    private static string? Owner(string folder, Dictionary<string, List<UnitManifest>> units)
    {
        for (var dir = folder; ; dir = ProjectUnits.Folder(dir))
        {
            if (units.ContainsKey(dir))
            {
                return dir;
            }
            if (dir.Length == 0)
            {
                return null;
            }
        }
    }

    // The ecosystem whose manifests build a language (linguist group names).
    private static string? EcosystemOf(string? language) => language switch
    {
        "JavaScript" or "TypeScript" or "Vue" or "Svelte" or "Astro" or "CoffeeScript" => "npm",
        "Python" or "Cython" => "pypi",
        "Go" => "go",
        "Rust" => "cargo",
        "Java" or "Kotlin" or "Scala" or "Groovy" or "Clojure" => "maven",
        "C#" or "F#" or "Visual Basic .NET" => "nuget",
        "PHP" => "composer",
        "Ruby" => "rubygems",
        "Elixir" or "Erlang" => "hex",
        "Swift" or "Objective-C" => "swift",
        "Dart" => "pub",
        _ => null,
    };

    // Within an ecosystem the richer manifest first: pyproject before setup.py before requirements, a build file before settings.
    private static int Rank(string path) => FileScanner.Basename(path) switch
    {
        "pyproject.toml" => 0,
        "setup.py" or "setup.cfg" => 1,
        "Pipfile" => 2,
        "package.json" => 0,
        "project.json" => 1,
        _ => 3,
    };

    private static string Display(string root) => root.Length == 0 ? "." : root;

    private static string Raw(string root) => root == "." ? "" : root;

    private static string Relative(string path, string root) => root.Length == 0 ? path : path[(root.Length + 1)..];
}
