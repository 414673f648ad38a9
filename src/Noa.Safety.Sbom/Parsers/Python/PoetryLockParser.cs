using Noa.Manifests.Toml;
using Noa.Safety.Sbom.Parsing;
using Tomlyn.Model;

namespace Noa.Safety.Sbom.Parsers.Python;

/// <summary>
/// poetry.lock: [[package]] with name, version, category (Poetry 1.x) or groups (2.x), files with
/// hashes, [package.dependencies]; the sibling pyproject.toml says which packages are direct.
/// </summary>
internal static class PoetryLockParser
{
    public static void Parse(ParseContext context)
    {
        var toml = TomlDocument.Parse(context.Text);
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        var scopesKnown = false;
        var packages = toml.Tables("package").ToList();
        foreach (var package in packages)
        {
            if (package.String("name") is not { } name || package.String("version") is not { } version)
            {
                context.Problem("a [[package]] has no name or version");
                continue;
            }
            if (package.Table("source")?.String("type") is "directory")
            {
                continue; // a path dependency: the project's own code
            }
            var groups = package.Strings("groups").ToList();
            scopesKnown |= package.String("category") is not null || groups.Count > 0;
            var dev = package.String("category") == "dev" || (groups.Count > 0 && !groups.Contains("main"));
            var draft = PyPackage.Draft(name, version, dev ? ComponentScope.Dev : package.Bool("optional") ? ComponentScope.Optional : ComponentScope.Runtime);
            var files = package.Tables("files").Select(f => Hashes.FromPrefixed(f.String("hash"))).OfType<ComponentHash>().ToList();
            if (files.Count == 1)
            {
                draft.Hashes.Add(files[0]);
            }
            byName[PyPackage.Normalize(name)] = context.Add(draft).Purl;
        }
        foreach (var package in packages)
        {
            if (package.String("name") is { } name && byName.TryGetValue(PyPackage.Normalize(name), out var from))
            {
                foreach (var dep in package.Table("dependencies")?.Keys ?? [])
                {
                    if (byName.TryGetValue(PyPackage.Normalize(dep), out var to))
                    {
                        context.Edge(from, to);
                    }
                }
            }
        }
        var roots = PyprojectParser.DirectNames(context);
        foreach (var (name, _) in roots)
        {
            if (byName.TryGetValue(PyPackage.Normalize(name), out var purl))
            {
                context.Components[purl].Direct = true;
                context.Edge(null, purl);
            }
        }
        if (!scopesKnown && roots.Count > 0)
        {
            string[] Of(ComponentScope s) => roots.Where(r => r.Scope == s && byName.ContainsKey(PyPackage.Normalize(r.Name))).Select(r => byName[PyPackage.Normalize(r.Name)]).ToArray();
            context.InferScopes(Of(ComponentScope.Runtime), Of(ComponentScope.Optional), Of(ComponentScope.Dev));
            // "optional = true" marks a package only an extra brings in, whatever reaches it.
            foreach (var package in packages.Where(p => p.Bool("optional") && p.String("name") is not null))
            {
                if (byName.TryGetValue(PyPackage.Normalize(package.String("name")!), out var purl) && context.Components[purl].Scope == ComponentScope.Runtime)
                {
                    context.Components[purl].Scope = ComponentScope.Optional;
                }
            }
        }
    }
}
