using Noa.Manifests.Toml;
using Noa.Safety.Sbom.Parsing;
using Tomlyn.Model;

namespace Noa.Safety.Sbom.Parsers.Python;

/// <summary>
/// uv.lock: [[package]] with a source (registry, git, url; editable or virtual for the workspace's own
/// members), dependencies by name (and version where several are locked), dev-dependencies by group, sdist hash.
/// </summary>
internal static class UvLockParser
{
    public static void Parse(ParseContext context)
    {
        var toml = TomlDocument.Parse(context.Text);
        var packages = toml.Tables("package").ToList();
        var purls = new Dictionary<TomlTable, string>();
        var byName = new Dictionary<string, List<(string Version, string Purl)>>(StringComparer.Ordinal);
        var members = new List<TomlTable>();
        foreach (var package in packages)
        {
            var source = package.Table("source");
            if (source is not null && (source.ContainsKey("editable") || source.ContainsKey("virtual") || source.ContainsKey("directory")))
            {
                members.Add(package);
                continue;
            }
            if (package.String("name") is not { } name || package.String("version") is not { } version)
            {
                context.Problem("a [[package]] has no name or version");
                continue;
            }
            var draft = PyPackage.Draft(name, version, ComponentScope.Runtime);
            if (Hashes.FromPrefixed(package.Table("sdist")?.String("hash")) is { } hash)
            {
                draft.Hashes.Add(hash);
            }
            purls[package] = context.Add(draft).Purl;
            var key = PyPackage.Normalize(name);
            var list = byName.TryGetValue(key, out var l) ? l : byName[key] = [];
            list.Add((version, draft.Purl));
        }
        foreach (var (package, purl) in purls)
        {
            foreach (var target in Targets(package.Tables("dependencies"), byName)
                .Concat(package.Table("optional-dependencies")?.Keys.SelectMany(k => Targets(package.Table("optional-dependencies").Tables(k), byName)) ?? []))
            {
                context.Edge(purl, target);
            }
        }
        var runtime = members.SelectMany(m => Targets(m.Tables("dependencies"), byName)).ToList();
        var optional = members.SelectMany(m => m.Table("optional-dependencies")?.Keys.SelectMany(k => Targets(m.Table("optional-dependencies").Tables(k), byName)) ?? []).ToList();
        var dev = members.SelectMany(m => m.Table("dev-dependencies")?.Keys.SelectMany(k => Targets(m.Table("dev-dependencies").Tables(k), byName)) ?? []).ToList();
        foreach (var purl in runtime.Concat(optional).Concat(dev))
        {
            context.Components[purl].Direct = true;
            context.Edge(null, purl);
        }
        context.InferScopes(runtime, optional, dev);
    }

    private static IEnumerable<string> Targets(IEnumerable<TomlTable> deps, Dictionary<string, List<(string Version, string Purl)>> byName)
    {
        foreach (var dep in deps)
        {
            if (dep.String("name") is { } name && byName.TryGetValue(PyPackage.Normalize(name), out var candidates))
            {
                var version = dep.String("version");
                yield return (version is null ? candidates[0] : candidates.FirstOrDefault(c => c.Version == version, candidates[0])).Purl;
            }
        }
    }
}
