using System.Text.Json;
using Noa.Safety.Sbom.Parsing;

namespace Noa.Safety.Sbom.Parsers.DotNet;

/// <summary>
/// NuGet's packages.lock.json: per target framework, each package's type (Direct, Transitive,
/// CentralTransitive, Project), resolved version, contentHash (base64 SHA-512 of the .nupkg) and dependencies.
/// </summary>
internal static class PackagesLockParser
{
    public static void Parse(ParseContext context)
    {
        using var doc = JsonDocument.Parse(context.Content);
        if (!doc.RootElement.TryGetProperty("dependencies", out var frameworks) || frameworks.ValueKind != JsonValueKind.Object)
        {
            context.Problem("has no \"dependencies\" object", unread: true);
            return;
        }
        var project = NuGetPackage.SiblingProject(context);
        var scope = project is not null && NuGetPackage.IsTestProject(project) ? ComponentScope.Dev : ComponentScope.Runtime;
        foreach (var framework in frameworks.EnumerateObject().Where(f => f.Value.ValueKind == JsonValueKind.Object))
        {
            var purls = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in framework.Value.EnumerateObject())
            {
                var type = Str(p.Value, "type");
                if (type == "Project")
                {
                    continue;
                }
                if (Str(p.Value, "resolved") is not { } version)
                {
                    context.Problem($"{framework.Name}: \"{p.Name}\" has no resolved version");
                    continue;
                }
                var draft = NuGetPackage.Draft(p.Name, version, scope);
                if (Str(p.Value, "contentHash") is { } hash && Hashes.FromBase64(hash) is { Length: 128 } hex)
                {
                    draft.Hashes.Add(new ComponentHash("SHA-512", hex));
                }
                draft = context.Add(draft);
                purls[p.Name] = draft.Purl;
                if (type == "Direct")
                {
                    draft.Direct = true;
                    context.Edge(null, draft.Purl);
                }
            }
            foreach (var p in framework.Value.EnumerateObject())
            {
                if (purls.TryGetValue(p.Name, out var from) && p.Value.TryGetProperty("dependencies", out var deps) && deps.ValueKind == JsonValueKind.Object)
                {
                    foreach (var dep in deps.EnumerateObject().Where(d => purls.ContainsKey(d.Name)))
                    {
                        context.Edge(from, purls[dep.Name]);
                    }
                }
            }
        }
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
