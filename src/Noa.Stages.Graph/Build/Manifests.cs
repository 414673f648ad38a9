using System.Text.Json;
using Noa.Abstractions;
using Tomlyn;
using Tomlyn.Model;

namespace Noa.Stages.Graph.Build;

/// <summary>An entry point or script a manifest declares.</summary>
/// <param name="Manifest">Path of the manifest.</param>
/// <param name="Kind"><c>script</c> (a named command line: npm scripts), <c>bin</c> (an executable built from a file),
/// <c>main</c> (a package's main module) or <c>console</c> (a Python console script, <c>module:function</c>).</param>
/// <param name="Name">The script's or executable's name.</param>
/// <param name="Target">The command line, file path (relative to the source root) or <c>module:function</c>.</param>
internal sealed record ManifestEntry(string Manifest, string Kind, string Name, string Target);

/// <summary>Reads entry points from package.json (scripts, bin, main), pyproject.toml ([project.scripts],
/// [tool.poetry.scripts]) and Cargo.toml ([[bin]], or src/main.rs of a package). A malformed manifest is
/// reported, not fatal.</summary>
internal static class Manifests
{
    public static async Task<(List<ManifestEntry> Entries, List<string> Problems)> ReadAsync(ISourceTree source, CancellationToken cancellationToken)
    {
        var entries = new List<ManifestEntry>();
        var problems = new List<string>();
        var paths = source.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var file in source.Files)
        {
            var name = Path.GetFileName(file.Path);
            if (name is not ("package.json" or "pyproject.toml" or "Cargo.toml") || file.Size > 1024 * 1024 ||
                file.Path.Contains("node_modules/", StringComparison.Ordinal) || file.Path.Contains("vendor/", StringComparison.Ordinal))
            {
                continue;
            }
            string text;
            var stream = await source.OpenReadAsync(file, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var reader = new StreamReader(stream);
                text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            }
            var dir = Path.GetDirectoryName(file.Path)?.Replace('\\', '/') ?? "";
            try
            {
                switch (name)
                {
                    case "package.json":
                        Node(file.Path, dir, text, entries);
                        break;
                    case "pyproject.toml":
                        Python(file.Path, TomlSerializer.Deserialize<TomlTable>(text)!, entries);
                        break;
                    default:
                        Cargo(file.Path, dir, TomlSerializer.Deserialize<TomlTable>(text)!, paths, entries);
                        break;
                }
            }
            catch (Exception e) when (e is JsonException or TomlException or InvalidCastException)
            {
                problems.Add($"{file.Path}: {e.Message.Split('\n')[0]}");
            }
        }
        return (entries, problems);
    }

    private static void Node(string manifest, string dir, string text, List<ManifestEntry> entries)
    {
        using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        if (root.TryGetProperty("scripts", out var scripts) && scripts.ValueKind == JsonValueKind.Object)
        {
            foreach (var s in scripts.EnumerateObject().Where(s => s.Value.ValueKind == JsonValueKind.String))
            {
                entries.Add(new ManifestEntry(manifest, "script", s.Name, s.Value.GetString()!));
            }
        }
        var package = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : Path.GetFileName(dir);
        if (root.TryGetProperty("bin", out var bin))
        {
            if (bin.ValueKind == JsonValueKind.String)
            {
                entries.Add(new ManifestEntry(manifest, "bin", package, Join(dir, bin.GetString()!)));
            }
            else if (bin.ValueKind == JsonValueKind.Object)
            {
                foreach (var b in bin.EnumerateObject().Where(b => b.Value.ValueKind == JsonValueKind.String))
                {
                    entries.Add(new ManifestEntry(manifest, "bin", b.Name, Join(dir, b.Value.GetString()!)));
                }
            }
        }
        if (root.TryGetProperty("main", out var main) && main.ValueKind == JsonValueKind.String)
        {
            entries.Add(new ManifestEntry(manifest, "main", package, Join(dir, main.GetString()!)));
        }
    }

    private static void Python(string manifest, TomlTable toml, List<ManifestEntry> entries)
    {
        foreach (var scripts in new[] { Table(Table(toml, "project"), "scripts"), Table(Table(Table(toml, "tool"), "poetry"), "scripts") })
        {
            foreach (var (name, value) in scripts ?? [])
            {
                if (value is string target)
                {
                    entries.Add(new ManifestEntry(manifest, "console", name, target));
                }
            }
        }
    }

    private static void Cargo(string manifest, string dir, TomlTable toml, HashSet<string> paths, List<ManifestEntry> entries)
    {
        var package = Table(toml, "package")?.TryGetValue("name", out var n) == true && n is string s ? s : Path.GetFileName(dir);
        var any = false;
        if (toml.TryGetValue("bin", out var bins) && bins is TomlTableArray array)
        {
            foreach (var bin in array)
            {
                var name = bin.TryGetValue("name", out var bn) && bn is string bs ? bs : package;
                var path = bin.TryGetValue("path", out var bp) && bp is string ps ? ps : $"src/bin/{name}.rs";
                entries.Add(new ManifestEntry(manifest, "bin", name, Join(dir, path)));
                any = true;
            }
        }
        var main = Join(dir, "src/main.rs");
        if (!any && paths.Contains(main))
        {
            entries.Add(new ManifestEntry(manifest, "bin", package, main));
        }
    }

    private static TomlTable? Table(TomlTable? table, string key) =>
        table is not null && table.TryGetValue(key, out var value) ? value as TomlTable : null;

    private static string Join(string dir, string path)
    {
        var joined = Path.GetFullPath(Path.Combine("/" + dir, path)).TrimStart('/').Replace('\\', '/');
        return joined;
    }
}
