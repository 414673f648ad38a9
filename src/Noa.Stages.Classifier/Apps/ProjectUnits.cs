using System.Text.Json;
using System.Text.RegularExpressions;
using Noa.Manifests.Python;
using Noa.Manifests.Rust;
using Noa.Stages.Classifier.Manifests;
using Noa.Stages.Classifier.Scanning;

namespace Noa.Stages.Classifier.Apps;

/// <summary>
/// The manifests that make a folder a project unit (a package, project, module or crate of its own), and the names they give it.
/// A manifest that only configures tools or roots a workspace (a pyproject.toml without <c>[project]</c> or <c>[tool.poetry]</c>, a
/// Cargo.toml without <c>[package]</c>, a Maven aggregator with <c>&lt;packaging&gt;pom</c>) makes no unit.
/// </summary>
internal static partial class ProjectUnits
{
    [GeneratedRegex(@"\bname\s*=\s*[""']([^""']+)[""']", RegexOptions.CultureInvariant)]
    private static partial Regex SetupName();

    [GeneratedRegex(@"^\s*name\s*=\s*([^\s#;]+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex SetupCfgName();

    [GeneratedRegex(@"^\s*module\s+(\S+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex GoModule();

    [GeneratedRegex(@"rootProject\.name\s*=\s*[""']([^""']+)[""']", RegexOptions.CultureInvariant)]
    private static partial Regex GradleRootName();

    /// <summary>The ecosystem a manifest name stands for, or null when it makes no unit.</summary>
    public static string? EcosystemOf(string name, string path) => name switch
    {
        "package.json" => "npm",
        "pyproject.toml" or "setup.py" or "setup.cfg" or "Pipfile" or "requirements.txt" or "requirements.in" => "pypi",
        "go.mod" => "go",
        "Cargo.toml" => "cargo",
        "pom.xml" or "build.gradle" or "build.gradle.kts" or "build.sbt" => "maven",
        "composer.json" => "composer",
        "Gemfile" => "rubygems",
        "mix.exs" => "hex",
        "Package.swift" => "swift",
        "pubspec.yaml" => "pub",
        "deno.json" or "deno.jsonc" => "npm",
        _ when Scoping.TestProjects.IsProjectFile(path) => "nuget",
        _ when name.EndsWith(".txt", StringComparison.Ordinal) && path.Contains("requirements/", StringComparison.Ordinal) => "pypi",
        _ => null,
    };

    /// <summary>Every unit manifest in product scope. <paramref name="nxRoots"/> are the folders of nx.json files: below them an Nx
    /// <c>project.json</c> makes a unit too.</summary>
    public static async Task<List<UnitManifest>> FindAsync(IReadOnlyList<FileScan> scans, Func<string, CancellationToken, Task<string?>> read,
        IReadOnlyCollection<string> nxRoots, CancellationToken cancellationToken)
    {
        var found = new List<UnitManifest>();
        foreach (var scan in scans)
        {
            if (scan.Scope != FileScopes.Product)
            {
                continue;
            }
            var name = FileScanner.Basename(scan.Path);
            var folder = Folder(scan.Path);
            var ecosystem = EcosystemOf(name, scan.Path);
            if (ecosystem is null && name == "project.json" && nxRoots.Any(r => Within(folder, r)))
            {
                ecosystem = "npm";
            }
            if (ecosystem is null)
            {
                continue;
            }
            var root = name.EndsWith(".txt", StringComparison.Ordinal) && FileScanner.Basename(folder) == "requirements" ? Folder(folder) : folder;
            if (await MakesUnitAsync(scan.Path, name, read, cancellationToken).ConfigureAwait(false))
            {
                found.Add(new UnitManifest(scan.Path, root, ecosystem));
            }
        }
        return found;
    }

    /// <summary>The name a manifest gives its unit, or null when it gives none.</summary>
    public static async Task<string?> NameAsync(UnitManifest manifest, Func<string, CancellationToken, Task<string?>> read, CancellationToken cancellationToken)
    {
        var name = FileScanner.Basename(manifest.Path);
        if (Scoping.TestProjects.IsProjectFile(manifest.Path))
        {
            return Path.GetFileNameWithoutExtension(name);
        }
        if (await read(manifest.Path, cancellationToken).ConfigureAwait(false) is not { } text)
        {
            return null;
        }
        try
        {
            return name switch
            {
                "package.json" or "composer.json" or "project.json" or "deno.json" => JsonName(text),
                "pyproject.toml" => PyProject.Parse(text).Name,
                "setup.py" => SetupName().Match(text) is { Success: true } m ? m.Groups[1].Value : null,
                "setup.cfg" => SetupCfgName().Match(text) is { Success: true } m ? m.Groups[1].Value : null,
                "go.mod" => GoModule().Match(text) is { Success: true } m ? m.Groups[1].Value : null,
                "Cargo.toml" => CargoManifest.Parse(text).PackageName,
                "pom.xml" => JvmManifests.Load(text)?.Root is { } pom ? JvmManifests.Child(pom, "artifactId") : null,
                _ => null,
            };
        }
        catch (Exception e) when (e is JsonException or Tomlyn.TomlException)
        {
            return null;
        }
    }

    /// <summary><c>rootProject.name</c> of a Gradle settings file.</summary>
    public static string? GradleRootProject(string settings) => GradleRootName().Match(settings) is { Success: true } m ? m.Groups[1].Value : null;

    public static string Folder(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    /// <summary>Whether <paramref name="folder"/> is <paramref name="root"/> or below it ("" is the repository root).</summary>
    public static bool Within(string folder, string root) =>
        root.Length == 0 || folder == root || (folder.Length > root.Length && folder[root.Length] == '/' && folder.StartsWith(root, StringComparison.Ordinal));

    private static async Task<bool> MakesUnitAsync(string path, string name, Func<string, CancellationToken, Task<string?>> read, CancellationToken cancellationToken)
    {
        if (name is not ("pyproject.toml" or "Cargo.toml" or "pom.xml"))
        {
            return true;
        }
        if (await read(path, cancellationToken).ConfigureAwait(false) is not { } text)
        {
            return false;
        }
        try
        {
            return name switch
            {
                "pyproject.toml" => PyProject.Parse(text) is var p && (p.HasProject || p.UsesPoetry),
                "Cargo.toml" => CargoManifest.Parse(text).PackageName is not null,
                _ => JvmManifests.Load(text)?.Root is not { } pom || JvmManifests.Child(pom, "packaging") != "pom",
            };
        }
        catch (Tomlyn.TomlException)
        {
            // A manifest we cannot read still says a project is here.
            return true;
        }
    }

    private static string? JsonName(string text)
    {
        using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
            ? n.GetString() : null;
    }
}
