using System.Text.Json;
using Noa.Safety.Sbom.Parsing;

namespace Noa.Safety.Sbom.Parsers.Php;

/// <summary>
/// composer.lock: "packages" (runtime) and "packages-dev", each with name (vendor/name), version,
/// dist.shasum (sha1, often empty), licence list and "require"; the sibling composer.json names the direct ones.
/// </summary>
internal static class ComposerLockParser
{
    public static void Parse(ParseContext context)
    {
        using var doc = JsonDocument.Parse(context.Content);
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var requires = new List<(string From, JsonElement Require)>();
        foreach (var (section, scope) in new[] { ("packages", ComponentScope.Runtime), ("packages-dev", ComponentScope.Dev) })
        {
            if (!doc.RootElement.TryGetProperty(section, out var packages) || packages.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            foreach (var package in packages.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.Object))
            {
                if (Str(package, "name") is not { } name || Str(package, "version") is not { } version)
                {
                    context.Problem($"an entry of \"{section}\" has no name or version");
                    continue;
                }
                var slash = name.IndexOf('/', StringComparison.Ordinal);
                var draft = new ComponentDraft
                {
                    Ecosystem = "composer", Namespace = slash > 0 ? name[..slash].ToLowerInvariant() : null,
                    Name = (slash > 0 ? name[(slash + 1)..] : name).ToLowerInvariant(), Version = version, Scope = scope,
                };
                if (package.TryGetProperty("dist", out var dist) && dist.ValueKind == JsonValueKind.Object && Hashes.FromHex("SHA-1", Str(dist, "shasum")) is { } hash)
                {
                    draft.Hashes.Add(hash);
                }
                if (package.TryGetProperty("license", out var license) && license.ValueKind == JsonValueKind.Array)
                {
                    draft.License = DeclaredLicense.AnyOf(license.EnumerateArray().Select(l => l.GetString()).OfType<string>().ToList());
                }
                byName[name] = context.Add(draft).Purl;
                if (package.TryGetProperty("require", out var require) && require.ValueKind == JsonValueKind.Object)
                {
                    requires.Add((draft.Purl, require));
                }
            }
        }
        foreach (var (from, require) in requires)
        {
            foreach (var dep in require.EnumerateObject().Where(d => byName.ContainsKey(d.Name)))
            {
                context.Edge(from, byName[dep.Name]);
            }
        }
        if (context.Files.Sibling(context.Path, "composer.json") is { } manifest)
        {
            using var json = JsonDocument.Parse(manifest);
            foreach (var section in new[] { "require", "require-dev" })
            {
                if (json.RootElement.TryGetProperty(section, out var names) && names.ValueKind == JsonValueKind.Object)
                {
                    foreach (var name in names.EnumerateObject().Select(n => n.Name).Where(byName.ContainsKey))
                    {
                        context.Components[byName[name]].Direct = true;
                        context.Edge(null, byName[name]);
                    }
                }
            }
        }
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
