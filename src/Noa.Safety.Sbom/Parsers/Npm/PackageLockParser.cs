using System.Text.Json;
using Noa.Safety.Sbom.Parsing;

namespace Noa.Safety.Sbom.Parsers.Npm;

/// <summary>npm's package-lock.json (and npm-shrinkwrap.json): v2/v3 "packages" by install path, v1 nested "dependencies".</summary>
internal static class PackageLockParser
{
    private const string Modules = "node_modules/";

    public static void Parse(ParseContext context)
    {
        using var doc = JsonDocument.Parse(context.Content);
        var root = doc.RootElement;
        if (root.TryGetProperty("packages", out var packages) && packages.ValueKind == JsonValueKind.Object)
        {
            ParsePackages(context, packages);
        }
        else if (root.TryGetProperty("dependencies", out var deps) && deps.ValueKind == JsonValueKind.Object)
        {
            new V1(context).Walk(deps, null, []);
        }
        else if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("lockfileVersion", out _))
        {
            context.Problem("is not an npm lockfile: neither \"packages\" nor \"dependencies\" is an object", unread: true);
        }
    }

    private static void ParsePackages(ParseContext context, JsonElement packages)
    {
        var entries = packages.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object)
            .ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        var purls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, entry) in entries)
        {
            var at = path.LastIndexOf(Modules, StringComparison.Ordinal);
            if (at < 0 || NpmPackage.Flag(entry, "link"))
            {
                continue; // the project, a workspace member, or a link to one
            }
            if (NpmPackage.String(entry, "version") is not { Length: > 0 } version)
            {
                context.Problem($"\"{path}\" has no version");
                continue;
            }
            var scope = NpmPackage.Flag(entry, "dev") || NpmPackage.Flag(entry, "devOptional") ? ComponentScope.Dev
                : NpmPackage.Flag(entry, "optional") ? ComponentScope.Optional : ComponentScope.Runtime;
            var name = NpmPackage.String(entry, "name") ?? path[(at + Modules.Length)..];
            var draft = NpmPackage.Draft(name, version, scope, NpmPackage.String(entry, "resolved"));
            draft.Hashes.AddRange(Hashes.FromIntegrity(NpmPackage.String(entry, "integrity")));
            draft.License = NpmPackage.License(entry);
            purls[path] = context.Add(draft).Purl;
        }
        foreach (var (path, entry) in entries)
        {
            var member = !path.Contains(Modules, StringComparison.Ordinal);
            if (NpmPackage.Flag(entry, "link") || (!member && !purls.ContainsKey(path)))
            {
                continue;
            }
            string[] kinds = member ? ["dependencies", "optionalDependencies", "peerDependencies", "devDependencies"]
                : ["dependencies", "optionalDependencies", "peerDependencies"];
            foreach (var name in kinds.SelectMany(k => NpmPackage.Names(entry, k)))
            {
                if (Resolve(entries, path, name) is { } target && purls.TryGetValue(target, out var purl))
                {
                    context.Edge(member ? null : purls[path], purl);
                    if (member)
                    {
                        context.Components[purl].Direct = true;
                    }
                }
            }
        }
    }

    /// <summary>Node's lookup: the nearest node_modules/name from the requiring package's folder upwards, through links.</summary>
    private static string? Resolve(Dictionary<string, JsonElement> entries, string from, string name)
    {
        for (var dir = from; ; dir = Parent(dir))
        {
            var candidate = (dir.Length == 0 ? "" : dir + "/") + Modules + name;
            if (entries.TryGetValue(candidate, out var entry))
            {
                return NpmPackage.Flag(entry, "link") ? NpmPackage.String(entry, "resolved") : candidate;
            }
            if (dir.Length == 0)
            {
                return null;
            }
        }
    }

    private static string Parent(string dir)
    {
        var at = dir.LastIndexOf(Modules, StringComparison.Ordinal);
        return at <= 0 ? "" : dir[..(at - 1)];
    }

    /// <summary>Lockfile v1: each entry's "requires" resolve in its own nested "dependencies", then its ancestors'.</summary>
    private sealed class V1(ParseContext context)
    {
        private readonly (List<string> Runtime, List<string> Optional, List<string> Dev)? direct =
            NpmPackage.SiblingManifest(context) is { } m ? NpmPackage.Direct(m) : null;

        public void Walk(JsonElement deps, string? parent, List<JsonElement> scopes)
        {
            scopes = [deps, .. scopes];
            foreach (var p in deps.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
            {
                if (Add(p.Name, p.Value) is not { } purl)
                {
                    continue;
                }
                if (parent is null && (direct is null || direct.Value.Runtime.Concat(direct.Value.Optional).Concat(direct.Value.Dev).Contains(p.Name)))
                {
                    context.Edge(null, purl);
                    context.Components[purl].Direct = direct is not null;
                }
                foreach (var name in NpmPackage.Names(p.Value, "requires"))
                {
                    var inner = p.Value.TryGetProperty("dependencies", out var d) && d.ValueKind == JsonValueKind.Object ? [d, .. scopes] : scopes;
                    if (inner.Select(s => s.TryGetProperty(name, out var e) ? Add(name, e) : null).FirstOrDefault(x => x is not null) is { } target)
                    {
                        context.Edge(purl, target);
                    }
                }
                if (p.Value.TryGetProperty("dependencies", out var nested) && nested.ValueKind == JsonValueKind.Object)
                {
                    Walk(nested, purl, scopes);
                }
            }
        }

        private string? Add(string name, JsonElement entry)
        {
            if (NpmPackage.String(entry, "version") is not { Length: > 0 } version)
            {
                context.Problem($"\"{name}\" has no version");
                return null;
            }
            if (version.StartsWith("file:", StringComparison.Ordinal))
            {
                return null; // a local folder, part of the project
            }
            string? vcs = null;
            if (version.StartsWith("npm:", StringComparison.Ordinal) && version.LastIndexOf('@') is var at and > 4)
            {
                (name, version) = (version[4..at], version[(at + 1)..]); // an alias: the real name and version
            }
            else if (version.Contains('#', StringComparison.Ordinal) && !char.IsAsciiDigit(version[0]))
            {
                (vcs, version) = (version, version[(version.LastIndexOf('#') + 1)..]);
            }
            var scope = NpmPackage.Flag(entry, "dev") ? ComponentScope.Dev
                : NpmPackage.Flag(entry, "optional") ? ComponentScope.Optional : ComponentScope.Runtime;
            var draft = NpmPackage.Draft(name, version, scope, vcs ?? NpmPackage.String(entry, "resolved"));
            draft.Hashes.AddRange(Hashes.FromIntegrity(NpmPackage.String(entry, "integrity")));
            return context.Add(draft).Purl;
        }
    }
}
