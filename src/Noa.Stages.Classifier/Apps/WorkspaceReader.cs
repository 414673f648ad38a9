using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Noa.Manifests.Python;
using Noa.Manifests.Rust;
using Noa.Stages.Classifier.Manifests;
using Noa.Stages.Classifier.Scanning;
using Noa.Yaml;

namespace Noa.Stages.Classifier.Apps;

/// <summary>
/// Reads the workspaces a tree declares: npm/yarn/bun <c>workspaces</c> in package.json (the tool named by the lockfile beside it),
/// <c>pnpm-workspace.yaml</c>, <c>lerna.json</c>, Nx (<c>nx.json</c>: every project below it), Turborepo (<c>turbo.json</c>: the package
/// manager's members), Cargo <c>[workspace]</c>, <c>go.work</c>, Maven <c>&lt;modules&gt;</c>, Gradle <c>include</c>, .NET solutions
/// (<c>.sln</c>, <c>.slnx</c>) and uv <c>[tool.uv.workspace]</c>. Only product-scope files count; a manifest that cannot be read is skipped.
/// </summary>
internal static partial class WorkspaceReader
{
    private static readonly (string Lockfile, string Tool)[] NodeLocks =
        [("pnpm-lock.yaml", "pnpm"), ("yarn.lock", "yarn"), ("bun.lock", "bun"), ("bun.lockb", "bun"), ("package-lock.json", "npm")];

    [GeneratedRegex(@"^\s*use\s+(?:\(\s*(?<many>[^)]*)\)|(?<one>\S+))", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex GoWorkUse();

    [GeneratedRegex(@"\binclude\s*\(?\s*(?<list>(?:[""'][^""']+[""']\s*,?\s*)+)", RegexOptions.CultureInvariant)]
    private static partial Regex GradleInclude();

    [GeneratedRegex(@"[""']([^""']+)[""']", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^Project\(""\{[^}]+\}""\)\s*=\s*""[^""]*""\s*,\s*""(?<path>[^""]+\.(?:cs|fs|vb)proj)""", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex SlnProject();

    public static async Task<List<WorkspaceDecl>> ReadAsync(IReadOnlyList<FileScan> scans, Func<string, CancellationToken, Task<string?>> read,
        CancellationToken cancellationToken)
    {
        // Lockfiles are generated: they name the tool, but only product files declare workspaces.
        var paths = scans.Where(s => s.Scope is FileScopes.Product or FileScopes.Generated).Select(s => s.Path).ToHashSet(StringComparer.Ordinal);
        var found = new List<WorkspaceDecl>();
        foreach (var path in scans.Where(s => s.Scope == FileScopes.Product).Select(s => s.Path))
        {
            var name = FileScanner.Basename(path);
            var root = ProjectUnits.Folder(path);
            if (name is not ("package.json" or "pnpm-workspace.yaml" or "lerna.json" or "nx.json" or "turbo.json" or "Cargo.toml" or "go.work" or "pom.xml"
                or "settings.gradle" or "settings.gradle.kts" or "pyproject.toml") && !name.EndsWith(".sln", StringComparison.Ordinal) && !name.EndsWith(".slnx", StringComparison.Ordinal))
            {
                continue;
            }
            if (await read(path, cancellationToken).ConfigureAwait(false) is not { } text)
            {
                continue;
            }
            try
            {
                if (Read(path, name, root, text, paths) is { } workspace)
                {
                    found.Add(workspace);
                }
            }
            catch (Exception e) when (e is JsonException or Tomlyn.TomlException or System.Xml.XmlException or InvalidOperationException)
            {
                // A broken manifest declares nothing; the rest of the tree still classifies.
            }
        }
        return found;
    }

    private static WorkspaceDecl? Read(string path, string name, string root, string text, HashSet<string> paths)
    {
        switch (name)
        {
            case "package.json":
                var node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                var members = node?["workspaces"] switch
                {
                    JsonArray array => array,
                    JsonObject o => o["packages"] as JsonArray,
                    _ => null,
                };
                if (members is null)
                {
                    return null;
                }
                var tool = NodeLocks.FirstOrDefault(l => paths.Contains(Join(root, l.Lockfile))).Tool ?? "npm";
                return new WorkspaceDecl(tool, root, path, Strings(members));
            case "pnpm-workspace.yaml":
                return Pnpm(text, path) is { } packages ? new WorkspaceDecl("pnpm", root, path, Strings(packages)) : null;
            case "lerna.json":
                var lerna = JsonNode.Parse(text)?["packages"] as JsonArray;
                return new WorkspaceDecl("lerna", root, path, lerna is null ? ["packages/*"] : Strings(lerna));
            case "nx.json":
                return new WorkspaceDecl("nx", root, path, null);
            case "turbo.json":
                return new WorkspaceDecl("turborepo", root, path, null);
            case "Cargo.toml":
                return CargoManifest.Parse(text).Workspace is { } cargo
                    ? new WorkspaceDecl("cargo", root, path, [.. cargo.Members, .. cargo.Exclude.Select(e => "!" + e)]) : null;
            case "go.work":
                var uses = new List<string>();
                foreach (Match m in GoWorkUse().Matches(text))
                {
                    uses.AddRange((m.Groups["many"].Success ? m.Groups["many"].Value : m.Groups["one"].Value)
                        .Split('\n').Select(l => l.Split("//")[0].Trim()).Where(l => l.Length > 0));
                }
                return new WorkspaceDecl("go-work", root, path, uses);
            case "pom.xml":
                var modules = JvmManifests.Load(text)?.Descendants().Where(e => e.Name.LocalName == "module").Select(e => e.Value.Trim()).ToList();
                return modules is { Count: > 0 } ? new WorkspaceDecl("maven", root, path, modules) : null;
            case "settings.gradle" or "settings.gradle.kts":
                var includes = GradleInclude().Matches(text).SelectMany(m => Quoted().Matches(m.Groups["list"].Value))
                    .Select(q => q.Groups[1].Value.TrimStart(':').Replace(':', '/')).ToList();
                return includes.Count > 0 ? new WorkspaceDecl("gradle", root, path, includes) : null;
            case "pyproject.toml":
                return PyProject.Parse(text).UvWorkspaceMembers is { } uv ? new WorkspaceDecl("uv", root, path, uv) : null;
        }
        if (name.EndsWith(".slnx", StringComparison.Ordinal))
        {
            var projects = JvmManifests.Load(text)?.Descendants().Where(e => e.Name.LocalName == "Project")
                .Select(e => (string?)e.Attribute("Path")).OfType<string>().Select(ProjectFolder).ToList();
            return projects is { Count: > 0 } ? new WorkspaceDecl("dotnet", root, path, projects) : null;
        }
        var sln = SlnProject().Matches(text).Select(m => ProjectFolder(m.Groups["path"].Value)).ToList();
        return sln.Count > 0 ? new WorkspaceDecl("dotnet", root, path, sln) : null;
    }

    private static string ProjectFolder(string project)
    {
        var p = project.Replace('\\', '/');
        var slash = p.LastIndexOf('/');
        return slash < 0 ? "" : p[..slash];
    }

    private static List<string> Strings(JsonArray array) => [.. array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>()];

    private static string Join(string root, string name) => root.Length == 0 ? name : root + "/" + name;

    // pnpm-workspace.yaml through the one YAML guard: a bomb (YamlLimitException) or malformed YAML declares no workspace.
    private static JsonArray? Pnpm(string text, string path)
    {
        try
        {
            return YamlToJson.Load(text, YamlLimits.Default, path)?["packages"] as JsonArray;
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null;
        }
    }
}
