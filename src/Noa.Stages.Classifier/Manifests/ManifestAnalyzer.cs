using Noa.Stages.Classifier.Scanning;

namespace Noa.Stages.Classifier.Manifests;

/// <summary>
/// Finds build systems, package managers and frameworks from the manifests of a tree, reading each manifest once and in path order
/// so the evidence is deterministic. Vendored, generated and fixture files are never read (they describe other software); the
/// manifests of examples and documentation are, but what they show is kept apart from the product's (<see cref="Findings"/>).
/// </summary>
internal static class ManifestAnalyzer
{
    /// <summary>Manifests larger than this are not parsed (lockfiles are only named, not read).</summary>
    public const int MaxManifestBytes = 1024 * 1024;

    // Files whose presence alone names a tool: (file name, id, display name, kind, ecosystem).
    private static readonly Dictionary<string, (string Id, string Name, string Kind, string? Ecosystem)> ByName = new(StringComparer.Ordinal)
    {
        ["package-lock.json"] = ("npm", "npm", "package-manager", "npm"),
        ["npm-shrinkwrap.json"] = ("npm", "npm", "package-manager", "npm"),
        ["yarn.lock"] = ("yarn", "Yarn", "package-manager", "npm"),
        ["pnpm-lock.yaml"] = ("pnpm", "pnpm", "package-manager", "npm"),
        ["pnpm-workspace.yaml"] = ("pnpm", "pnpm", "package-manager", "npm"),
        ["bun.lockb"] = ("bun", "Bun", "package-manager", "npm"),
        ["bun.lock"] = ("bun", "Bun", "package-manager", "npm"),
        ["deno.json"] = ("deno", "Deno", "package-manager", "npm"),
        ["deno.jsonc"] = ("deno", "Deno", "package-manager", "npm"),
        ["poetry.lock"] = ("poetry", "Poetry", "package-manager", "pypi"),
        ["uv.lock"] = ("uv", "uv", "package-manager", "pypi"),
        ["Pipfile.lock"] = ("pipenv", "Pipenv", "package-manager", "pypi"),
        ["pdm.lock"] = ("pdm", "PDM", "package-manager", "pypi"),
        ["setup.py"] = ("setuptools", "setuptools", "build-system", "pypi"),
        ["setup.cfg"] = ("setuptools", "setuptools", "build-system", "pypi"),
        ["settings.gradle"] = ("gradle", "Gradle", "build-system", "maven"),
        ["settings.gradle.kts"] = ("gradle", "Gradle", "build-system", "maven"),
        ["gradlew"] = ("gradle", "Gradle", "build-system", "maven"),
        ["mvnw"] = ("maven", "Maven", "build-system", "maven"),
        ["global.json"] = ("dotnet", ".NET SDK (MSBuild)", "build-system", "nuget"),
        ["Directory.Packages.props"] = ("nuget", "NuGet", "package-manager", "nuget"),
        ["packages.config"] = ("nuget", "NuGet", "package-manager", "nuget"),
        ["Makefile"] = ("make", "Make", "build-system", null),
        ["makefile"] = ("make", "Make", "build-system", null),
        ["GNUmakefile"] = ("make", "Make", "build-system", null),
        ["CMakeLists.txt"] = ("cmake", "CMake", "build-system", null),
        ["BUILD.bazel"] = ("bazel", "Bazel", "build-system", null),
        ["WORKSPACE"] = ("bazel", "Bazel", "build-system", null),
        ["WORKSPACE.bazel"] = ("bazel", "Bazel", "build-system", null),
        ["MODULE.bazel"] = ("bazel", "Bazel", "build-system", null),
        ["meson.build"] = ("meson", "Meson", "build-system", null),
        ["configure.ac"] = ("autotools", "Autotools", "build-system", null),
        ["configure.in"] = ("autotools", "Autotools", "build-system", null),
        ["Makefile.am"] = ("autotools", "Autotools", "build-system", null),
        ["composer.lock"] = ("composer", "Composer", "package-manager", "composer"),
        ["Gemfile.lock"] = ("bundler", "Bundler", "package-manager", "rubygems"),
        ["mix.exs"] = ("mix", "Mix", "build-system", "hex"),
        ["rebar.config"] = ("rebar3", "rebar3", "build-system", "hex"),
        ["build.sbt"] = ("sbt", "sbt", "build-system", "maven"),
        ["Package.swift"] = ("swiftpm", "Swift Package Manager", "package-manager", "swift"),
        ["pubspec.yaml"] = ("pub", "pub", "package-manager", "pub"),
        ["stack.yaml"] = ("stack", "Stack", "build-system", "hackage"),
        ["build.zig"] = ("zig", "Zig build", "build-system", null),
        ["justfile"] = ("just", "just", "build-system", null),
        ["Taskfile.yml"] = ("task", "Task", "build-system", null),
        ["nx.json"] = ("nx", "Nx", "build-system", "npm"),
        ["turbo.json"] = ("turborepo", "Turborepo", "build-system", "npm"),
        ["lerna.json"] = ("lerna", "Lerna", "build-system", "npm"),
        ["go.work"] = ("go-modules", "Go modules", "package-manager", "go"),
    };

    public static async Task AnalyzeAsync(IReadOnlyList<FileScan> scans, Func<string, CancellationToken, Task<string?>> read,
        Findings findings, CancellationToken cancellationToken)
    {
        var nodeDirs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var lockDirs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scan in scans)
        {
            if (scan.Scope is FileScopes.Vendored or FileScopes.Fixture || (scan.Scope == FileScopes.Generated && !IsLockfile(scan.Path)))
            {
                continue;
            }
            var name = FileScanner.Basename(scan.Path);
            var dir = scan.Path.Length > name.Length ? scan.Path[..(scan.Path.Length - name.Length - 1)] : "";
            if (ByName.TryGetValue(name, out var tool))
            {
                findings.BuildSystem(tool.Id, tool.Name, tool.Kind, tool.Ecosystem, scan.Path, name);
                if (tool.Ecosystem == "npm")
                {
                    lockDirs.Add(dir);
                }
            }
            else if (name.EndsWith(".sln", StringComparison.Ordinal) || name.EndsWith(".slnx", StringComparison.Ordinal))
            {
                findings.BuildSystem("dotnet", ".NET SDK (MSBuild)", "build-system", "nuget", scan.Path, name);
            }
            else if (name.EndsWith(".gemspec", StringComparison.Ordinal))
            {
                findings.BuildSystem("rubygems", "RubyGems", "package-manager", "rubygems", scan.Path, name);
                findings.Service("library", 2, new Evidence(scan.Path, "gemspec"));
            }
            else if (name.EndsWith(".cabal", StringComparison.Ordinal))
            {
                findings.BuildSystem("cabal", "Cabal", "build-system", "hackage", scan.Path, name);
            }

            var parser = Parser(name, scan.Path);
            if (parser is null)
            {
                continue;
            }
            if (scan.Size > MaxManifestBytes)
            {
                findings.Unread(scan.Path, $"larger than {MaxManifestBytes / (1024 * 1024)} MiB ({scan.Size:N0} bytes), the most a manifest is read");
                continue;
            }
            var text = await read(scan.Path, cancellationToken).ConfigureAwait(false);
            if (text is null)
            {
                continue;
            }
            if (name == "package.json")
            {
                nodeDirs[dir] = scan.Path;
            }
            parser(scan.Path, text, findings);
        }
        foreach (var (dir, path) in nodeDirs)
        {
            // package.json without a lockfile beside it is installed with npm.
            if (!lockDirs.Contains(dir) && !lockDirs.Contains(""))
            {
                findings.BuildSystem("npm", "npm", "package-manager", "npm", path, "package.json without another lockfile");
            }
        }
    }

    private static Action<string, string, Findings>? Parser(string name, string path) => name switch
    {
        "package.json" => NodeManifests.PackageJson,
        "composer.json" => Composer,
        "Pipfile" => PythonManifests.Pipfile,
        "pyproject.toml" => PythonManifests.Pyproject,
        "go.mod" => SystemsManifests.GoMod,
        "Cargo.toml" => SystemsManifests.CargoToml,
        "Gemfile" => SystemsManifests.Gemfile,
        "Dockerfile" or "Containerfile" => SystemsManifests.Dockerfile,
        "Procfile" => Procfile,
        "Directory.Build.props" or "Directory.Build.targets" => DotNetManifests.Imported,
        "pom.xml" => JvmManifests.Pom,
        "build.gradle" or "build.gradle.kts" => JvmManifests.Gradle,
        _ when name.EndsWith(".csproj", StringComparison.Ordinal) || name.EndsWith(".fsproj", StringComparison.Ordinal)
            || name.EndsWith(".vbproj", StringComparison.Ordinal) => DotNetManifests.Project,
        _ when IsRequirements(name, path) => PythonManifests.Requirements,
        _ => null,
    };

    private static void Composer(string path, string text, Findings findings)
    {
        findings.BuildSystem("composer", "Composer", "package-manager", "composer", path, "composer.json");
        NodeManifests.ComposerJson(path, text, findings);
    }

    private static void Procfile(string path, string text, Findings findings)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("web:", StringComparison.Ordinal))
            {
                // The web process is by definition the one that receives HTTP traffic: the declaration outweighs a package.json's
                // main (a library's entry), as a bin does.
                findings.Service("http-api", 3, new Evidence(path, line.Trim()));
            }
            else if (line.StartsWith("worker:", StringComparison.Ordinal))
            {
                findings.Service("worker", 2, new Evidence(path, line.Trim()));
            }
        }
    }

    private static bool IsRequirements(string name, string path) =>
        name.EndsWith(".txt", StringComparison.Ordinal)
        && (name.StartsWith("requirements", StringComparison.Ordinal) || path.Contains("requirements/", StringComparison.Ordinal));

    // Lockfiles are generated, but name the package manager that wrote them.
    private static bool IsLockfile(string path) => ByName.ContainsKey(FileScanner.Basename(path));
}
