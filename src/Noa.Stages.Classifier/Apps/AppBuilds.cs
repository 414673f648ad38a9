using Noa.Manifests.Python;
using Noa.Stages.Classifier.Scanning;

namespace Noa.Stages.Classifier.Apps;

/// <summary>
/// How a unit is built, per manifest: the build system (for npm packages the package manager its lockfile or <c>packageManager</c>
/// names; for Python the tool of its lockfile, <c>[tool.poetry]</c>/<c>[tool.uv]</c> or build backend), and the lockfile that pins it —
/// its own, or for npm, Python and Cargo the nearest one above it (a workspace's).
/// </summary>
internal static class AppBuilds
{
    private static readonly (string Lockfile, string System)[] NodeLocks =
        [("pnpm-lock.yaml", "pnpm"), ("yarn.lock", "yarn"), ("bun.lock", "bun"), ("bun.lockb", "bun"), ("package-lock.json", "npm"), ("npm-shrinkwrap.json", "npm")];

    private static readonly (string Lockfile, string System)[] PythonLocks =
        [("uv.lock", "uv"), ("poetry.lock", "poetry"), ("pdm.lock", "pdm"), ("Pipfile.lock", "pipenv")];

    private static readonly (string Backend, string System)[] Backends =
        [("poetry", "poetry"), ("hatchling", "hatch"), ("setuptools", "setuptools"), ("flit", "flit"), ("pdm", "pdm"), ("uv_build", "uv"), ("maturin", "maturin")];

    public static async Task<AppBuild> ForAsync(UnitManifest manifest, HashSet<string> paths, Func<string, CancellationToken, Task<string?>> read,
        CancellationToken cancellationToken)
    {
        var name = FileScanner.Basename(manifest.Path);
        var folder = ProjectUnits.Folder(manifest.Path);
        switch (manifest.Ecosystem)
        {
            case "npm" when name == "project.json":
                // An Nx project: Nx builds it with the workspace's package manager.
                return new AppBuild("nx", manifest.Path, Nearest(folder, NodeLocks, paths).System, Nearest(folder, NodeLocks, paths).Lockfile);
            case "npm":
                if (Nearest(folder, NodeLocks, paths) is var (lockfile, system) && lockfile is not null)
                {
                    return new AppBuild(system!, manifest.Path, system, lockfile);
                }
                return new AppBuild(await PackageManagerAsync(manifest.Path, read, cancellationToken).ConfigureAwait(false) ?? "npm", manifest.Path, null, null);
            case "pypi":
                var (pyLock, pyTool) = Nearest(folder, PythonLocks, paths);
                if (name == "Pipfile")
                {
                    return new AppBuild("pipenv", manifest.Path, "pipenv", Own(folder, "Pipfile.lock", paths));
                }
                if (name is "requirements.txt" or "requirements.in" || name.EndsWith(".txt", StringComparison.Ordinal))
                {
                    return new AppBuild("pip", manifest.Path, "pip", null);
                }
                if (name.EndsWith(".py", StringComparison.Ordinal) && name != "setup.py")
                {
                    // A server script with no manifest (AppDetector's ScriptServers): what it imports is what it needs.
                    return new AppBuild("pip", manifest.Path, null, null);
                }
                if (name is "setup.py" or "setup.cfg")
                {
                    return new AppBuild("setuptools", manifest.Path, pyTool, pyLock);
                }
                var project = await read(manifest.Path, cancellationToken).ConfigureAwait(false) is { } text ? TryParse(text) : null;
                var tool = pyTool ?? (project?.UsesPoetry == true ? "poetry" : project?.UsesUv == true ? "uv" : null);
                var backend = project?.BuildBackend is { } b ? Backends.FirstOrDefault(x => b.StartsWith(x.Backend, StringComparison.Ordinal)).System : null;
                return new AppBuild(tool ?? backend ?? "pip", manifest.Path, tool, pyLock);
            case "go":
                return new AppBuild("go-modules", manifest.Path, null, Own(folder, "go.sum", paths));
            case "cargo":
                return new AppBuild("cargo", manifest.Path, null, Nearest(folder, [("Cargo.lock", "cargo")], paths).Lockfile);
            case "maven":
                return name switch
                {
                    "pom.xml" => new AppBuild("maven", manifest.Path, null, null),
                    "build.sbt" => new AppBuild("sbt", manifest.Path, null, null),
                    _ => new AppBuild("gradle", manifest.Path, null, Own(folder, "gradle.lockfile", paths)),
                };
            case "nuget":
                return new AppBuild("dotnet", manifest.Path, "nuget", Own(folder, "packages.lock.json", paths));
            case "composer":
                return new AppBuild("composer", manifest.Path, null, Own(folder, "composer.lock", paths));
            case "rubygems":
                return new AppBuild("bundler", manifest.Path, null, Own(folder, "Gemfile.lock", paths));
            case "hex":
                return new AppBuild("mix", manifest.Path, null, Own(folder, "mix.lock", paths));
            case "swift":
                return new AppBuild("swiftpm", manifest.Path, null, Own(folder, "Package.resolved", paths));
            default:
                return new AppBuild("pub", manifest.Path, null, Own(folder, "pubspec.lock", paths));
        }
    }

    private static PyProject? TryParse(string text)
    {
        try
        {
            return PyProject.Parse(text);
        }
        catch (Tomlyn.TomlException)
        {
            return null;
        }
    }

    private static async Task<string?> PackageManagerAsync(string path, Func<string, CancellationToken, Task<string?>> read, CancellationToken cancellationToken)
    {
        var text = await read(path, cancellationToken).ConfigureAwait(false);
        var at = text?.IndexOf("\"packageManager\"", StringComparison.Ordinal) ?? -1;
        if (text is null || at < 0)
        {
            return null;
        }
        foreach (var tool in (ReadOnlySpan<string>)["pnpm", "yarn", "bun", "npm"])
        {
            if (text.AsSpan(at, Math.Min(64, text.Length - at)).Contains("\"" + tool + "@", StringComparison.Ordinal))
            {
                return tool;
            }
        }
        return null;
    }

    private static string? Own(string folder, string name, HashSet<string> paths)
    {
        var path = folder.Length == 0 ? name : folder + "/" + name;
        return paths.Contains(path) ? path : null;
    }

    // The first lockfile in the folder or above it, nearest first.
    private static (string? Lockfile, string? System) Nearest(string folder, (string Lockfile, string System)[] locks, HashSet<string> paths)
    {
        for (var dir = folder; ; dir = ProjectUnits.Folder(dir))
        {
            foreach (var (lockfile, system) in locks)
            {
                if (Own(dir, lockfile, paths) is { } found)
                {
                    return (found, system);
                }
            }
            if (dir.Length == 0)
            {
                return (null, null);
            }
        }
    }
}
