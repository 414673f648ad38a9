using System.Text.Json;
using Noa.Safety.Sbom.Parsing;

namespace Noa.Safety.Sbom.Parsers.Npm;

/// <summary>
/// Bun's text lockfile, <c>bun.lock</c> (JSON with trailing commas, Bun 1.2+): <c>workspaces</c> maps each workspace folder
/// (<c>""</c> is the root) to its package.json's dependency lists, and <c>packages</c> maps an install key to an array whose
/// first element is <c>name@version</c> (a registry package: <c>[ident, registry, info, integrity]</c>) or <c>name@workspace:…</c>,
/// <c>name@link:…</c>, <c>name@file:…</c>, <c>name@github:…</c>, <c>name@git+…</c>, <c>name@https://…</c>. A key with a slash
/// after the name (<c>parent/child</c>) is a copy nested under its parent, which Node's lookup finds first. Scopes follow
/// from what the workspaces' runtime, optional and dev dependencies reach. The binary <c>bun.lockb</c> is not read.
/// </summary>
internal static class BunLockParser
{
    private static readonly JsonDocumentOptions Jsonc = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static void Parse(ParseContext context)
    {
        using var doc = JsonDocument.Parse(context.Content, Jsonc);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("lockfileVersion", out _))
        {
            context.Problem("is not a bun.lock: it has no \"lockfileVersion\"", unread: true);
            return;
        }
        var packages = root.TryGetProperty("packages", out var p) && p.ValueKind == JsonValueKind.Object
            ? p.EnumerateObject().ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal) : [];
        var purls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, entry) in packages)
        {
            if (Add(context, key, entry) is { } purl)
            {
                purls[key] = purl;
            }
        }
        foreach (var (key, entry) in packages)
        {
            if (purls.TryGetValue(key, out var from) && entry.GetArrayLength() > 2 && entry[2].ValueKind == JsonValueKind.Object)
            {
                foreach (var name in new[] { "dependencies", "optionalDependencies", "peerDependencies" }.SelectMany(k => NpmPackage.Names(entry[2], k)))
                {
                    if (Resolve(purls, key, name) is { } to)
                    {
                        context.Edge(from, to);
                    }
                }
            }
        }
        List<string> runtime = [], optional = [], dev = [];
        if (root.TryGetProperty("workspaces", out var workspaces) && workspaces.ValueKind == JsonValueKind.Object)
        {
            foreach (var workspace in workspaces.EnumerateObject().Where(w => w.Value.ValueKind == JsonValueKind.Object))
            {
                foreach (var (kind, list) in new[] { ("dependencies", runtime), ("peerDependencies", runtime), ("optionalDependencies", optional), ("devDependencies", dev) })
                {
                    foreach (var name in NpmPackage.Names(workspace.Value, kind))
                    {
                        // A workspace's own copy sits under its name (packages/web → "web/react") when its version differs from the root's.
                        var member = NpmPackage.String(workspace.Value, "name");
                        var to = (member is not null ? Resolve(purls, member, name) : null) ?? (purls.TryGetValue(name, out var top) ? top : null);
                        if (to is not null)
                        {
                            context.Edge(null, to);
                            context.Components[to].Direct = true;
                            list.Add(to);
                        }
                    }
                }
            }
        }
        context.InferScopes(runtime, optional, dev);
    }

    private static string? Add(ParseContext context, string key, JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Array || entry.GetArrayLength() == 0 || entry[0].GetString() is not { } ident)
        {
            context.Problem($"\"{key}\" is not a package entry (an array that starts with name@version)");
            return null;
        }
        var at = ident.IndexOf('@', 1);
        if (at <= 0)
        {
            context.Problem($"\"{key}\" names \"{ident}\", which has no version");
            return null;
        }
        var (name, spec) = (ident[..at], ident[(at + 1)..]);
        if (spec.StartsWith("workspace:", StringComparison.Ordinal) || spec.StartsWith("link:", StringComparison.Ordinal)
            || spec.StartsWith("file:", StringComparison.Ordinal) || spec.StartsWith("root:", StringComparison.Ordinal))
        {
            return null; // the project's own code
        }
        ComponentDraft draft;
        if (!spec.Contains(':', StringComparison.Ordinal))
        {
            draft = NpmPackage.Draft(name, spec, ComponentScope.Dev);
            var integrity = entry.GetArrayLength() > 3 && entry[3].ValueKind == JsonValueKind.String ? entry[3].GetString() : null;
            draft.Hashes.AddRange(Hashes.FromIntegrity(integrity));
        }
        else
        {
            // git, github or a tarball URL: the source is the identity, and the version is the package's own, which bun.lock does not keep.
            var source = spec.StartsWith("github:", StringComparison.Ordinal) ? "git+https://github.com/" + spec["github:".Length..] : spec;
            draft = NpmPackage.Draft(name, null, ComponentScope.Dev, source);
        }
        // Everything starts as dev; InferScopes raises what the runtime and optional roots reach.
        return context.Add(draft).Purl;
    }

    /// <summary>Node's lookup over bun's keys: <c>parent/name</c> nested under the requiring package, then under each ancestor, then the top level.</summary>
    private static string? Resolve(Dictionary<string, string> purls, string from, string name)
    {
        for (var dir = from; dir.Length > 0; dir = Parent(dir))
        {
            if (purls.TryGetValue(dir + "/" + name, out var nested))
            {
                return nested;
            }
        }
        return purls.GetValueOrDefault(name);
    }

    // "a/@s/b/c" → "a/@s/b" → "a" → "": one package name (scoped names have two segments) at a time.
    private static string Parent(string key)
    {
        var names = new List<string>();
        var parts = key.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            names.Add(parts[i].StartsWith('@') && i + 1 < parts.Length ? parts[i] + "/" + parts[++i] : parts[i]);
        }
        return string.Join('/', names.Take(names.Count - 1));
    }
}
