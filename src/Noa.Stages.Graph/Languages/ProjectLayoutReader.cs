using System.Text.Json;
using Noa.Abstractions;
using Noa.Manifests.Rust;
using Tomlyn;

namespace Noa.Stages.Graph.Languages;

/// <summary>Reads the <see cref="ProjectLayout"/> of a source: go.mod, tsconfig*.json/jsconfig.json (comments and
/// trailing commas allowed, <c>extends</c> followed), Cargo.toml and where package.json files are. Vendored folders
/// (node_modules, vendor) are left out; an unreadable manifest is reported, not fatal.</summary>
internal static class ProjectLayoutReader
{
    private static readonly JsonDocumentOptions Jsonc = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static async Task<(ProjectLayout Layout, List<string> Problems)> ReadAsync(ISourceTree source, CancellationToken cancellationToken)
    {
        var go = new List<GoModule>();
        var crates = new Dictionary<string, string>(StringComparer.Ordinal);
        var packages = new List<string>();
        var configs = new Dictionary<string, string>(StringComparer.Ordinal); // tsconfig path → text
        var problems = new List<string>();
        foreach (var file in source.Files)
        {
            var name = Path.GetFileName(file.Path);
            if (file.Size > 1024 * 1024 || file.Path.Contains("node_modules/", StringComparison.Ordinal) || file.Path.StartsWith("vendor/", StringComparison.Ordinal)
                || file.Path.Contains("/vendor/", StringComparison.Ordinal))
            {
                continue;
            }
            var isTs = name.StartsWith("tsconfig", StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal) || name == "jsconfig.json";
            if (name is not ("go.mod" or "Cargo.toml" or "package.json") && !isTs)
            {
                continue;
            }
            var dir = Dir(file.Path);
            if (name == "package.json")
            {
                packages.Add(dir);
                continue;
            }
            string text;
            var stream = await source.OpenReadAsync(file, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var reader = new StreamReader(stream);
                text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            }
            try
            {
                switch (name)
                {
                    case "go.mod":
                        if (GoMod(dir, text) is { } module)
                        {
                            go.Add(module);
                        }
                        break;
                    case "Cargo.toml":
                        if (CargoManifest.Parse(text).PackageName is { } crate)
                        {
                            crates.TryAdd(crate.Replace('-', '_'), dir);
                        }
                        break;
                    default:
                        configs[file.Path] = text;
                        break;
                }
            }
            catch (Exception e) when (e is TomlException or InvalidCastException)
            {
                // a malformed Cargo.toml: Manifests reports it
            }
        }
        var ts = new List<TsConfig>();
        foreach (var path in configs.Keys.Where(p => Path.GetFileName(p) is "tsconfig.json" or "jsconfig.json").Order(StringComparer.Ordinal))
        {
            try
            {
                if (TsConfigOf(path, configs, 0) is { } config)
                {
                    ts.Add(config with { Dir = Dir(path) });
                }
            }
            catch (JsonException e)
            {
                problems.Add($"{path}: {e.Message.Split('\n')[0]}");
            }
        }
        return (new ProjectLayout(go, ts, crates, packages), problems);
    }

    // `module example.com/x` and the required modules (single lines and `require ( … )` blocks).
    private static GoModule? GoMod(string dir, string text)
    {
        string? module = null;
        var requires = new List<string>();
        var block = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split("//")[0].Trim();
            if (line.StartsWith("module ", StringComparison.Ordinal))
            {
                module = line["module ".Length..].Trim().Trim('"');
            }
            else if (line == "require (")
            {
                block = true;
            }
            else if (block && line == ")")
            {
                block = false;
            }
            else if (block && line.Length > 0)
            {
                requires.Add(line.Split(' ')[0]);
            }
            else if (line.StartsWith("require ", StringComparison.Ordinal))
            {
                requires.Add(line["require ".Length..].Trim().Split(' ')[0]);
            }
        }
        return module is null ? null : new GoModule(dir, module, requires);
    }

    // baseUrl and paths of a tsconfig, inherited through `extends` (relative files only), resolved to source paths.
    private static TsConfig? TsConfigOf(string path, Dictionary<string, string> configs, int depth)
    {
        if (depth > 5 || !configs.TryGetValue(path, out var text))
        {
            return null;
        }
        using var doc = JsonDocument.Parse(text, Jsonc);
        var root = doc.RootElement;
        TsConfig? inherited = null;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("extends", out var ext) && ext.ValueKind == JsonValueKind.String
            && ext.GetString() is { } extends && extends.StartsWith('.'))
        {
            var target = Join(Dir(path), extends);
            inherited = TsConfigOf(target.EndsWith(".json", StringComparison.Ordinal) ? target : target + ".json", configs, depth + 1);
        }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("compilerOptions", out var options) || options.ValueKind != JsonValueKind.Object)
        {
            return inherited;
        }
        var baseUrl = options.TryGetProperty("baseUrl", out var b) && b.ValueKind == JsonValueKind.String ? Join(Dir(path), b.GetString()!) : inherited?.BaseUrl;
        var paths = inherited?.Paths ?? [];
        if (options.TryGetProperty("paths", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            var from = baseUrl ?? Dir(path);
            paths = p.EnumerateObject()
                .Select(e => (e.Name, (IReadOnlyList<string>)e.Value.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => Join(from, t.GetString()!)).ToList()))
                .ToList();
        }
        return new TsConfig(Dir(path), baseUrl, paths);
    }

    private static string Dir(string path) => Path.GetDirectoryName(path)?.Replace('\\', '/') ?? "";

    // A relative path joined to a source folder, normalised ("." and ".." folded); "" is the root.
    private static string Join(string dir, string relative)
    {
        var parts = new List<string>();
        foreach (var segment in (dir + "/" + relative).Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }
            if (segment == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                continue;
            }
            parts.Add(segment);
        }
        return string.Join('/', parts);
    }
}
