using Noa.Manifests.Toml;
using Noa.Safety.Sbom.Parsing;
using Tomlyn.Model;

namespace Noa.Safety.Sbom.Parsers.Rust;

/// <summary>
/// Cargo.lock v1–v4: [[package]] with source (registry or git; none for workspace members and path
/// crates), checksum (sha256 of the .crate), dependencies as "name", "name version" or
/// "name version (source)"; v1 keeps checksums in [metadata].
/// </summary>
internal static class CargoLockParser
{
    public static void Parse(ParseContext context)
    {
        var toml = TomlDocument.Parse(context.Text);
        var metadata = toml.Table("metadata");
        var packages = toml.Tables("package").ToList();
        var byName = new Dictionary<string, List<(string Version, string Purl)>>(StringComparer.Ordinal);
        var purls = new Dictionary<TomlTable, string>();
        var members = new List<TomlTable>();
        foreach (var package in packages)
        {
            if (package.String("name") is not { } name || package.String("version") is not { } version)
            {
                context.Problem("a [[package]] has no name or version");
                continue;
            }
            var source = package.String("source");
            if (source is null)
            {
                members.Add(package);
                continue;
            }
            var draft = new ComponentDraft
            {
                Ecosystem = "cargo", Name = name, Version = version, Scope = ComponentScope.Runtime,
                Qualifiers = source.StartsWith("git+", StringComparison.Ordinal) ? [new("vcs_url", source)] : null,
            };
            var checksum = package.String("checksum") ?? metadata.String($"checksum {name} {version} ({source})");
            if (Hashes.FromHex("SHA-256", checksum) is { } hash)
            {
                draft.Hashes.Add(hash);
            }
            purls[package] = context.Add(draft).Purl;
            var list = byName.TryGetValue(name, out var l) ? l : byName[name] = [];
            list.Add((version, draft.Purl));
        }
        foreach (var package in packages)
        {
            var from = purls.GetValueOrDefault(package);
            foreach (var dep in package.Strings("dependencies"))
            {
                var words = dep.Split(' ', 3);
                if (!byName.TryGetValue(words[0], out var candidates))
                {
                    continue; // another workspace member or path crate
                }
                var target = words.Length > 1 ? candidates.FirstOrDefault(c => c.Version == words[1]).Purl : candidates[0].Purl;
                if (target is null)
                {
                    continue;
                }
                context.Edge(from, target);
                if (from is null)
                {
                    context.Components[target].Direct = true;
                }
            }
        }
    }
}
