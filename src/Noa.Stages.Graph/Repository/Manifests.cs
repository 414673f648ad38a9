using System.Text.Json;
using System.Text.RegularExpressions;
using Noa.Manifests.Python;
using Noa.Manifests.Rust;
using Noa.Manifests.Toml;
using Tomlyn;

namespace Noa.Stages.Graph.Repository;

/// <summary>An entry point or script a manifest declares.</summary>
/// <param name="Manifest">Path of the manifest.</param>
/// <param name="Kind"><c>script</c> (a named command line: npm scripts), <c>bin</c> (an executable built from a file),
/// <c>main</c> (a package's main module; <c>main-implicit</c> when Node's default <c>index.js</c>) or <c>console</c> (a
/// Python console script, <c>module:function</c>).</param>
/// <param name="Name">The script's or executable's name.</param>
/// <param name="Target">The command line, file path (relative to the source root) or <c>module:function</c>.</param>
/// <param name="Line">The line of the declaration in the manifest (1 when unknown).</param>
internal sealed record ManifestEntry(string Manifest, string Kind, string Name, string Target, int Line = 1);

/// <summary>Reads entry points from package.json (scripts, bin, main), pyproject.toml ([project.scripts],
/// [project.gui-scripts], [tool.poetry.scripts]), setup.cfg and setup.py (console_scripts), Cargo.toml ([[bin]],
/// src/main.rs, src/bin/*.rs) and Nx project.json (a build target's <c>main</c>). A malformed manifest is reported,
/// not fatal.</summary>
internal static partial class Manifests
{
    public static (List<ManifestEntry> Entries, List<string> Problems) Read(RepoFiles repo)
    {
        var entries = new List<ManifestEntry>();
        var problems = new List<string>();
        foreach (var (path, text) in repo.Texts)
        {
            var name = Path.GetFileName(path);
            var dir = RepoFiles.Dir(path);
            try
            {
                switch (name)
                {
                    case "package.json":
                        Node(path, dir, text, repo, entries);
                        break;
                    case "pyproject.toml":
                        Python(path, text, PyProject.Parse(text), entries);
                        break;
                    case "setup.cfg" or "setup.py":
                        Setup(path, text, entries);
                        break;
                    case "Cargo.toml":
                        Cargo(path, dir, text, CargoManifest.Parse(text), repo, entries);
                        break;
                    case "project.json":
                        Nx(path, dir, text, entries);
                        break;
                }
            }
            catch (Exception e) when (e is JsonException or TomlException or InvalidCastException)
            {
                problems.Add($"{path}: {TomlDocument.Describe(e)}");
            }
        }
        return (entries, problems);
    }

    private static int LineOf(string text, string needle, int from = 0)
    {
        var at = text.IndexOf(needle, Math.Min(from, text.Length), StringComparison.Ordinal);
        return at < 0 ? 1 : CommandLines.LineOf(text, at);
    }

    private static void Node(string manifest, string dir, string text, RepoFiles repo, List<ManifestEntry> entries)
    {
        using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        if (root.TryGetProperty("scripts", out var scripts) && scripts.ValueKind == JsonValueKind.Object)
        {
            var at = text.IndexOf("\"scripts\"", StringComparison.Ordinal);
            foreach (var s in scripts.EnumerateObject().Where(s => s.Value.ValueKind == JsonValueKind.String))
            {
                entries.Add(new ManifestEntry(manifest, "script", s.Name, s.Value.GetString()!, LineOf(text, JsonSerializer.Serialize(s.Name), Math.Max(0, at))));
            }
        }
        var package = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : Path.GetFileName(dir);
        var hasBin = root.TryGetProperty("bin", out var bin);
        if (hasBin && bin.ValueKind == JsonValueKind.String)
        {
            entries.Add(new ManifestEntry(manifest, "bin", package.Split('/')[^1], Join(dir, bin.GetString()!), LineOf(text, "\"bin\"")));
        }
        else if (hasBin && bin.ValueKind == JsonValueKind.Object)
        {
            foreach (var b in bin.EnumerateObject().Where(b => b.Value.ValueKind == JsonValueKind.String))
            {
                entries.Add(new ManifestEntry(manifest, "bin", b.Name, Join(dir, b.Value.GetString()!), LineOf(text, "\"bin\"")));
            }
        }
        if (root.TryGetProperty("main", out var main) && main.ValueKind == JsonValueKind.String)
        {
            entries.Add(new ManifestEntry(manifest, "main", package, Join(dir, main.GetString()!), LineOf(text, "\"main\"")));
        }
        else if (!hasBin && !root.TryGetProperty("exports", out _) && !root.TryGetProperty("module", out _) && repo.Paths.Contains(Join(dir, "index.js")))
        {
            // Node loads a package's index.js when package.json names no main.
            entries.Add(new ManifestEntry(manifest, "main-implicit", package, Join(dir, "index.js")));
        }
    }

    private static void Python(string manifest, string text, PyProject pyproject, List<ManifestEntry> entries)
    {
        foreach (var script in pyproject.Scripts)
        {
            entries.Add(new ManifestEntry(manifest, "console", script.Name, script.Target, LineOf(text, script.Target)));
        }
    }

    // setup.cfg: [options.entry_points] console_scripts = name = module:function (one per line);
    // setup.py: entry_points={"console_scripts": ["name = module:function", …]}.
    private static void Setup(string manifest, string text, List<ManifestEntry> entries)
    {
        var section = ConsoleScripts().Match(text);
        if (!section.Success)
        {
            return;
        }
        foreach (Match m in ScriptSpec().Matches(text[section.Index..(section.Index + Math.Min(4000, text.Length - section.Index))]))
        {
            var name = m.Groups[1].Value;
            var target = m.Groups[2].Value.Trim();
            entries.Add(new ManifestEntry(manifest, "console", name, target, CommandLines.LineOf(text, section.Index + m.Index)));
        }
    }

    private static void Cargo(string manifest, string dir, string text, CargoManifest cargo, RepoFiles repo, List<ManifestEntry> entries)
    {
        if (!cargo.HasPackage)
        {
            return; // a virtual workspace manifest builds nothing itself
        }
        var package = cargo.PackageName ?? Path.GetFileName(dir);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var bin in cargo.Bins)
        {
            var name = bin.Name ?? package;
            var file = Join(dir, bin.Path ?? $"src/bin/{name}.rs");
            declared.Add(file);
            entries.Add(new ManifestEntry(manifest, "bin", name, file, LineOf(text, "[[bin]]")));
        }
        // Cargo's target auto-discovery: src/main.rs is the package's binary, src/bin/*.rs and src/bin/*/main.rs others.
        var main = Join(dir, "src/main.rs");
        if (repo.Paths.Contains(main) && !declared.Contains(main))
        {
            entries.Add(new ManifestEntry(manifest, "bin", package, main));
        }
        if (cargo.AutoBins)
        {
            var binDir = Join(dir, "src/bin") + "/";
            foreach (var file in repo.Paths.Where(p => p.StartsWith(binDir, StringComparison.Ordinal) && !declared.Contains(p)).Order(StringComparer.Ordinal))
            {
                var rest = file[binDir.Length..];
                if (rest.EndsWith(".rs", StringComparison.Ordinal) && !rest.Contains('/', StringComparison.Ordinal))
                {
                    entries.Add(new ManifestEntry(manifest, "bin", rest[..^3], file));
                }
                else if (rest.EndsWith("/main.rs", StringComparison.Ordinal) && rest.Count(c => c == '/') == 1)
                {
                    entries.Add(new ManifestEntry(manifest, "bin", rest[..rest.IndexOf('/', StringComparison.Ordinal)], file));
                }
            }
        }
    }

    // Nx: "targets": { "build": { "options": { "main": "src/main.ts" } } } of an application project.
    private static void Nx(string manifest, string dir, string text, List<ManifestEntry> entries)
    {
        using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("targets", out var targets) || targets.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : Path.GetFileName(dir);
        foreach (var target in targets.EnumerateObject())
        {
            if (target.Value.ValueKind == JsonValueKind.Object && target.Value.TryGetProperty("options", out var options) && options.ValueKind == JsonValueKind.Object
                && options.TryGetProperty("main", out var main) && main.ValueKind == JsonValueKind.String)
            {
                // Nx paths are relative to the workspace root, which is where nx.json is; a project.json at the root is both.
                entries.Add(new ManifestEntry(manifest, "main", name, main.GetString()!.TrimStart('.', '/'), LineOf(text, "\"main\"")));
                return;
            }
        }
    }

    private static string Join(string dir, string path) => RepoFiles.Join(dir, path) ?? path;

    [GeneratedRegex(@"console_scripts|gui_scripts")]
    private static partial Regex ConsoleScripts();

    [GeneratedRegex(@"^[\s""'\[]*([A-Za-z0-9_.\-]+)\s*=\s*([A-Za-z_][\w.]*\s*:\s*[A-Za-z_][\w.]*)", RegexOptions.Multiline)]
    private static partial Regex ScriptSpec();
}
