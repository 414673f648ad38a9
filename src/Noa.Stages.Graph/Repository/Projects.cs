using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Noa.Manifests.Rust;
using Noa.Manifests.Toml;
using Tomlyn;

namespace Noa.Stages.Graph.Repository;

/// <summary>A project: a unit a build tool builds, declared by a manifest.</summary>
/// <param name="Manifest">Path of the manifest (<c>src/Web/Web.csproj</c>, <c>backend/pyproject.toml</c>).</param>
/// <param name="Root">Its folder ("" at the root).</param>
/// <param name="Ecosystem">npm, pypi, go, cargo, nuget, maven, gradle.</param>
/// <param name="Name">The name it declares (package name, module path, assembly name), else its folder's name.</param>
/// <param name="Facts">What the manifest says about the kind of program: <c>sdk</c> (.NET SDK), <c>output</c>
/// (Exe, Library), <c>test</c> (a test project), <c>workspace</c> (it aggregates members), <c>framework</c>
/// (Spring Boot, Next.js …), <c>private</c>.</param>
/// <param name="References">Manifests of the projects it references (ProjectReference, path dependencies,
/// workspace packages it depends on).</param>
internal sealed record Project(string Manifest, string Root, string Ecosystem, string Name, IReadOnlyDictionary<string, string> Facts, IReadOnlyList<string> References)
{
    public bool IsTest => Facts.ContainsKey("test");
    public bool IsWorkspace => Facts.ContainsKey("workspace");
}

/// <summary>Reads the projects of a repository from its manifests. A manifest that does not parse is reported and
/// left out; nothing else is lost.</summary>
internal static partial class Projects
{
    public static (List<Project> Projects, List<string> Problems) Read(RepoFiles repo)
    {
        var projects = new List<Project>();
        var problems = new List<string>();
        foreach (var (path, text) in repo.Texts)
        {
            var name = Path.GetFileName(path);
            var lower = name.ToLowerInvariant();
            var root = RepoFiles.Dir(path);
            try
            {
                var project = lower switch
                {
                    "package.json" => Npm(path, root, text),
                    "pyproject.toml" => PyProject(path, root, text),
                    "setup.py" or "setup.cfg" when !repo.Paths.Contains(RepoFiles.Join(root, "pyproject.toml") ?? "") && IsSetup(lower, text) =>
                        new Project(path, root, "pypi", SetupName(text) ?? Folder(root), Facts(), []),
                    "cargo.toml" => Cargo(path, root, text, repo),
                    "go.mod" => new Project(path, root, "go", GoModule().Match(text) is { Success: true } m ? m.Groups[1].Value : Folder(root), Facts(), []),
                    "pom.xml" => Maven(path, root, text),
                    "build.gradle" or "build.gradle.kts" => Gradle(path, root, text, repo),
                    _ when lower.EndsWith(".csproj", StringComparison.Ordinal) || lower.EndsWith(".fsproj", StringComparison.Ordinal) => DotNet(path, root, text),
                    _ => null,
                };
                if (project is not null)
                {
                    projects.Add(project);
                }
            }
            catch (Exception e) when (e is JsonException or TomlException or XmlException or InvalidCastException)
            {
                problems.Add($"{path}: {TomlDocument.Describe(e)}");
            }
        }
        // Workspace members that depend on each other by package name.
        var byName = projects.Where(p => p.Ecosystem == "npm").GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Manifest, StringComparer.Ordinal);
        for (var i = 0; i < projects.Count; i++)
        {
            var p = projects[i];
            if (p.Ecosystem == "npm" && p.Facts.TryGetValue("dependencies", out var deps))
            {
                var refs = deps.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(d => byName.GetValueOrDefault(d)).OfType<string>()
                    .Where(m => m != p.Manifest).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                var facts = new SortedDictionary<string, string>(p.Facts.ToDictionary(), StringComparer.Ordinal);
                facts.Remove("dependencies");
                projects[i] = p with { References = refs, Facts = facts };
            }
        }
        return (projects.OrderBy(p => p.Manifest, StringComparer.Ordinal).ToList(), problems);
    }

    /// <summary>The project whose root is the deepest folder holding <paramref name="path"/> (a workspace only when no
    /// member holds it), or null.</summary>
    public static Project? Of(IReadOnlyList<Project> projects, string path) =>
        projects.Where(p => p.Root.Length == 0 || path.StartsWith(p.Root + "/", StringComparison.Ordinal) || path == p.Root)
            .OrderByDescending(p => p.Root.Length).ThenBy(p => p.IsWorkspace ? 1 : 0).ThenBy(p => p.Manifest, StringComparer.Ordinal).FirstOrDefault();

    private static SortedDictionary<string, string> Facts() => new(StringComparer.Ordinal);

    private static string Folder(string root) => root.Length == 0 ? "." : Path.GetFileName(root);

    private static Project Npm(string path, string root, string text)
    {
        using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var json = doc.RootElement;
        var facts = Facts();
        if (json.ValueKind != JsonValueKind.Object)
        {
            return new Project(path, root, "npm", Folder(root), facts, []);
        }
        if (json.TryGetProperty("workspaces", out var ws) && ws.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
        {
            facts["workspace"] = "npm";
        }
        if (json.TryGetProperty("private", out var priv) && priv.ValueKind == JsonValueKind.True)
        {
            facts["private"] = "true";
        }
        var deps = new List<string>();
        foreach (var section in new[] { "dependencies", "devDependencies", "peerDependencies" })
        {
            if (json.TryGetProperty(section, out var d) && d.ValueKind == JsonValueKind.Object)
            {
                deps.AddRange(d.EnumerateObject().Select(p => p.Name));
            }
        }
        if (deps.Count > 0)
        {
            facts["dependencies"] = string.Join(' ', deps);
        }
        var frameworks = deps.Where(d => d is "next" or "nuxt" or "@nestjs/core" or "express" or "fastify" or "koa" or "@angular/core" or "react" or "vue"
            or "svelte" or "@sveltejs/kit" or "vite" or "astro" or "@remix-run/node" or "hono" or "electron" or "react-native").Distinct().Order(StringComparer.Ordinal).ToList();
        if (frameworks.Count > 0)
        {
            facts["framework"] = string.Join(' ', frameworks);
        }
        return new Project(path, root, "npm", Str(json, "name") ?? Folder(root), facts, []);
    }

    private static Project PyProject(string path, string root, string text)
    {
        var pyproject = Noa.Manifests.Python.PyProject.Parse(text);
        var facts = Facts();
        if (pyproject.UvWorkspaceMembers is not null)
        {
            facts["workspace"] = "uv";
        }
        return new Project(path, root, "pypi", pyproject.Name ?? Folder(root), facts, []);
    }

    private static bool IsSetup(string file, string text) =>
        file == "setup.py" ? text.Contains("setup(", StringComparison.Ordinal) : text.Contains("[metadata]", StringComparison.Ordinal) || text.Contains("[options]", StringComparison.Ordinal);

    private static string? SetupName(string text) => SetupNamePattern().Match(text) is { Success: true } m ? m.Groups[1].Value : null;

    private static Project Cargo(string path, string root, string text, RepoFiles repo)
    {
        var manifest = CargoManifest.Parse(text);
        var facts = Facts();
        if (manifest.Workspace is not null)
        {
            facts["workspace"] = "cargo";
        }
        // Path dependencies of every table, [target.*] ones too: a crate used only on one platform is still a reference.
        var refs = manifest.Dependencies.Select(d => d.Path is { } rel ? RepoFiles.Join(root, rel + "/Cargo.toml") : null)
            .OfType<string>().Where(repo.Paths.Contains).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new Project(path, root, "cargo", manifest.PackageName ?? Folder(root), facts, refs);
    }

    private static Project DotNet(string path, string root, string text)
    {
        var xml = XDocument.Parse(text);
        var facts = Facts();
        var project = xml.Root!;
        if (project.Attribute("Sdk")?.Value is { Length: > 0 } sdk)
        {
            facts["sdk"] = sdk;
        }
        else if (project.Elements().FirstOrDefault(e => e.Name.LocalName == "Sdk")?.Attribute("Name")?.Value is { Length: > 0 } sdkElement)
        {
            facts["sdk"] = sdkElement;
        }
        string? Property(string name) => project.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim();
        if (Property("OutputType") is { Length: > 0 } output)
        {
            facts["output"] = output;
        }
        var packages = project.Descendants().Where(e => e.Name.LocalName == "PackageReference").Select(e => e.Attribute("Include")?.Value ?? "").ToList();
        if (string.Equals(Property("IsTestProject"), "true", StringComparison.OrdinalIgnoreCase)
            || packages.Any(p => p is "Microsoft.NET.Test.Sdk" or "xunit" or "xunit.v3" or "NUnit" or "MSTest.TestFramework" or "MSTest" or "TUnit"))
        {
            facts["test"] = "true";
        }
        if (string.Equals(Property("IsAspireHost"), "true", StringComparison.OrdinalIgnoreCase) || facts.GetValueOrDefault("sdk", "").StartsWith("Aspire.AppHost", StringComparison.Ordinal)
            || packages.Contains("Aspire.Hosting.AppHost"))
        {
            facts["framework"] = "aspire-apphost";
        }
        var refs = project.Descendants().Where(e => e.Name.LocalName == "ProjectReference").Select(e => e.Attribute("Include")?.Value)
            .OfType<string>().Select(r => RepoFiles.Join(root, r.Replace('\\', '/'))).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var name = Property("AssemblyName") is { Length: > 0 } assembly && !assembly.Contains('$', StringComparison.Ordinal) ? assembly : Path.GetFileNameWithoutExtension(path);
        return new Project(path, root, "nuget", name, facts, refs);
    }

    private static Project Maven(string path, string root, string text)
    {
        var xml = XDocument.Parse(text);
        var facts = Facts();
        var project = xml.Root!;
        string? Child(XElement e, string name) => e.Elements().FirstOrDefault(c => c.Name.LocalName == name)?.Value.Trim();
        if (project.Elements().Any(e => e.Name.LocalName == "modules"))
        {
            facts["workspace"] = "maven";
        }
        if (Child(project, "packaging") is { Length: > 0 } packaging)
        {
            facts["output"] = packaging;
        }
        if (text.Contains("spring-boot", StringComparison.Ordinal))
        {
            facts["framework"] = "spring-boot";
        }
        return new Project(path, root, "maven", Child(project, "artifactId") ?? Folder(root), facts, []);
    }

    private static Project Gradle(string path, string root, string text, RepoFiles repo)
    {
        var facts = Facts();
        var settings = repo.Texts.GetValueOrDefault(RepoFiles.Join(root, "settings.gradle") ?? "") ?? repo.Texts.GetValueOrDefault(RepoFiles.Join(root, "settings.gradle.kts") ?? "");
        if (settings is not null && GradleInclude().IsMatch(settings))
        {
            facts["workspace"] = "gradle";
        }
        if (text.Contains("org.springframework.boot", StringComparison.Ordinal))
        {
            facts["framework"] = "spring-boot";
        }
        var name = settings is not null && GradleName().Match(settings) is { Success: true } m ? m.Groups[1].Value : Folder(root);
        return new Project(path, root, "gradle", name, facts, []);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    [GeneratedRegex(@"^\s*module\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex GoModule();

    [GeneratedRegex(@"\bname\s*[=:]\s*[""']?([A-Za-z0-9_.\-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex SetupNamePattern();

    [GeneratedRegex(@"^\s*include\b", RegexOptions.Multiline)]
    private static partial Regex GradleInclude();

    [GeneratedRegex(@"rootProject\.name\s*=\s*[""']([^""']+)[""']")]
    private static partial Regex GradleName();
}
