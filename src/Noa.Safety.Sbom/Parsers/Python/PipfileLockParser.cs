using System.Text.Json;
using Noa.Manifests.Toml;
using Noa.Safety.Sbom.Parsing;

namespace Noa.Safety.Sbom.Parsers.Python;

/// <summary>Pipfile.lock: "default" (runtime) and "develop" (dev) packages pinned with ==, with hashes; the sibling Pipfile names the direct ones.</summary>
internal static class PipfileLockParser
{
    public static void Parse(ParseContext context)
    {
        using var doc = JsonDocument.Parse(context.Content);
        var direct = Direct(context);
        foreach (var (section, scope) in new[] { ("default", ComponentScope.Runtime), ("develop", ComponentScope.Dev) })
        {
            if (!doc.RootElement.TryGetProperty(section, out var packages) || packages.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            foreach (var p in packages.EnumerateObject())
            {
                var version = p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("version", out var v) ? v.GetString() : null;
                if (version is null)
                {
                    continue; // a git, path or editable install: no index version to name
                }
                var draft = PyPackage.Draft(p.Name, version.TrimStart('='), scope);
                var hashes = p.Value.TryGetProperty("hashes", out var h) && h.ValueKind == JsonValueKind.Array
                    ? h.EnumerateArray().Select(x => Hashes.FromPrefixed(x.GetString())).OfType<ComponentHash>().ToList() : [];
                if (hashes.Count == 1)
                {
                    draft.Hashes.Add(hashes[0]);
                }
                draft = context.Add(draft);
                if (direct.Contains(PyPackage.Normalize(p.Name)))
                {
                    draft.Direct = true;
                    context.Edge(null, draft.Purl);
                }
            }
        }
    }

    private static HashSet<string> Direct(ParseContext context)
    {
        if (context.Files.Sibling(context.Path, "Pipfile") is not { } bytes)
        {
            return [];
        }
        var toml = TomlDocument.Parse(ParseContext.Decode(bytes));
        return (toml.Table("packages")?.Keys ?? []).Concat(toml.Table("dev-packages")?.Keys ?? []).Select(PyPackage.Normalize).ToHashSet(StringComparer.Ordinal);
    }
}
