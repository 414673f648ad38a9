using System.Text.Json;
using Noa.Safety.Sbom.Parsing;

namespace Noa.Safety.Sbom.Parsers.Npm;

/// <summary>npm names, purls and metadata shared by the package-lock, yarn and pnpm parsers.</summary>
internal static class NpmPackage
{
    public static ComponentDraft Draft(string fullName, string? version, ComponentScope scope, string? resolved = null)
    {
        var slash = fullName.StartsWith('@') ? fullName.IndexOf('/', StringComparison.Ordinal) : -1;
        return new ComponentDraft
        {
            Ecosystem = "npm",
            Namespace = slash > 0 ? fullName[..slash] : null,
            Name = slash > 0 ? fullName[(slash + 1)..] : fullName,
            Version = version,
            Scope = scope,
            Qualifiers = Qualifiers(resolved),
        };
    }

    /// <summary>A git or non-registry tarball source is part of the identity: the same version from elsewhere is another package.</summary>
    private static KeyValuePair<string, string>[]? Qualifiers(string? resolved) => resolved switch
    {
        null => null,
        _ when resolved.StartsWith("git", StringComparison.Ordinal) => [new("vcs_url", resolved)],
        _ when resolved.StartsWith("http", StringComparison.Ordinal) && !resolved.Contains("registry.npmjs.org", StringComparison.Ordinal)
            && !resolved.Contains("registry.yarnpkg.com", StringComparison.Ordinal) => [new("download_url", resolved)],
        _ => null,
    };

    /// <summary>package.json-style licence fields: "MIT", {"type": "MIT"}, or an array of either.</summary>
    public static DeclaredLicense? License(JsonElement entry)
    {
        var texts = new List<string>();
        foreach (var name in new[] { "license", "licenses" })
        {
            if (entry.TryGetProperty(name, out var value))
            {
                Collect(value, texts);
            }
        }
        return DeclaredLicense.AnyOf(texts);
    }

    private static void Collect(JsonElement value, List<string> texts)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String when value.GetString() is { Length: > 0 } s:
                texts.Add(s);
                break;
            case JsonValueKind.Object when value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String:
                texts.Add(type.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    Collect(item, texts);
                }
                break;
        }
    }

    public static IEnumerable<string> Names(JsonElement entry, string property) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(property, out var deps) && deps.ValueKind == JsonValueKind.Object
            ? deps.EnumerateObject().Select(p => p.Name)
            : [];

    public static string? String(JsonElement entry, string property) =>
        entry.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static bool Flag(JsonElement entry, string property) =>
        entry.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.True;

    /// <summary>The root package.json's direct dependency names by scope, from a sibling file when there is one.</summary>
    public static (List<string> Runtime, List<string> Optional, List<string> Dev) Direct(JsonElement manifest) => (
        [.. Names(manifest, "dependencies"), .. Names(manifest, "peerDependencies")],
        [.. Names(manifest, "optionalDependencies")],
        [.. Names(manifest, "devDependencies")]);

    public static JsonElement? SiblingManifest(ParseContext context)
    {
        if (context.Files.Sibling(context.Path, "package.json") is not { } bytes)
        {
            return null;
        }
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            context.Problem($"its package.json cannot be read, so direct dependencies are unknown: {e.Message}");
            return null;
        }
    }
}
