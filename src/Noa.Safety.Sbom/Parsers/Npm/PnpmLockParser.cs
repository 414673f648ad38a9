using System.Text.RegularExpressions;
using Noa.Safety.Sbom.Parsing;
using Noa.Yaml;
using YamlDotNet.RepresentationModel;

namespace Noa.Safety.Sbom.Parsers.Npm;

/// <summary>
/// pnpm-lock.yaml v5 (<c>/name/1.0.0</c>), v6 (<c>/name@1.0.0</c>) and v9 (<c>name@1.0.0</c> with edges
/// under <c>snapshots</c>); importers name the direct dependencies of each workspace folder.
/// </summary>
internal static partial class PnpmLockParser
{
    // Lockfiles of large monorepos reach tens of megabytes, but stay shallow; they are untrusted input all the same.
    private static readonly YamlLimits Limits = YamlLimits.Default with { MaxDepth = 64 };

    public static void Parse(ParseContext context)
    {
        var yaml = YamlGuard.Load(context.Text, Limits, context.Path, context.Cancellation);
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            context.Problem("is empty or not a YAML mapping", unread: true);
            return;
        }
        var purls = new Dictionary<string, string>(StringComparer.Ordinal);
        var anyDevFlag = false;
        var packages = Map(root, "packages");
        foreach (var (keyNode, value) in Entries(packages))
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            var entry = value as YamlMappingNode;
            var (name, version) = entry is not null && Scalar(entry, "name") is { } n && Scalar(entry, "version") is { } v ? (n, v) : Identify(key);
            if (name.Length == 0 || version.Length == 0)
            {
                context.Problem($"package key \"{key}\" names no version");
                continue;
            }
            var dev = entry is null ? null : Scalar(entry, "dev");
            anyDevFlag |= dev is not null;
            var scope = dev == "true" ? ComponentScope.Dev : entry is not null && Scalar(entry, "optional") == "true" ? ComponentScope.Optional : ComponentScope.Runtime;
            var resolution = entry is null ? null : Map(entry, "resolution");
            var source = resolution is null ? null : Scalar(resolution, "tarball") ?? Scalar(resolution, "repo");
            var draft = NpmPackage.Draft(name, Strip(version), scope, source);
            draft.Hashes.AddRange(Hashes.FromIntegrity(resolution is null ? null : Scalar(resolution, "integrity")));
            purls[Canonical(key)] = context.Add(draft).Purl;
            purls.TryAdd($"{name}@{Strip(version)}", purls[Canonical(key)]);
        }
        // v9 keeps edges in snapshots (keys with peer suffixes); older versions in the package entries.
        foreach (var section in new[] { Map(root, "snapshots"), packages })
        {
            foreach (var (keyNode, value) in Entries(section))
            {
                if (value is YamlMappingNode entry && purls.TryGetValue(Canonical(((YamlScalarNode)keyNode).Value ?? ""), out var from))
                {
                    foreach (var target in Targets(entry, purls, "dependencies", "optionalDependencies"))
                    {
                        context.Edge(from, target);
                    }
                }
            }
        }
        var importers = Map(root, "importers")?.Children.Values.OfType<YamlMappingNode>().ToList() ?? [root];
        var runtime = importers.SelectMany(i => Targets(i, purls, "dependencies")).ToList();
        var optional = importers.SelectMany(i => Targets(i, purls, "optionalDependencies")).ToList();
        var devRoots = importers.SelectMany(i => Targets(i, purls, "devDependencies")).ToList();
        foreach (var purl in runtime.Concat(optional).Concat(devRoots))
        {
            context.Components[purl].Direct = true;
            context.Edge(null, purl);
        }
        if (!anyDevFlag)
        {
            context.InferScopes(runtime, optional, devRoots);
        }
    }

    private static IEnumerable<string> Targets(YamlMappingNode entry, Dictionary<string, string> purls, params string[] kinds)
    {
        foreach (var kind in kinds)
        {
            foreach (var (nameNode, refNode) in Entries(Map(entry, kind)))
            {
                var name = ((YamlScalarNode)nameNode).Value ?? "";
                var reference = refNode is YamlMappingNode m ? Scalar(m, "version") : (refNode as YamlScalarNode)?.Value;
                if (reference is null || reference.StartsWith("link:", StringComparison.Ordinal))
                {
                    continue;
                }
                // An alias points at another package: "/real@1.0.0" (v6), "real@1.0.0" (v9), "/real/1.0.0" (v5).
                var key = reference.StartsWith('/') || (!char.IsAsciiDigit(reference[0]) && reference.Contains('@', StringComparison.Ordinal))
                    ? Canonical(reference) : $"{name}@{Strip(reference)}";
                if (purls.TryGetValue(key, out var purl))
                {
                    yield return purl;
                }
            }
        }
    }

    private static string Canonical(string key)
    {
        var (name, version) = Identify(key);
        return $"{name}@{Strip(version)}";
    }

    /// <summary>"/@scope/name@1.0.0(peer@2)" or "/@scope/name/1.0.0_peer@2" → ("@scope/name", "1.0.0(peer@2)").</summary>
    private static (string Name, string Version) Identify(string key)
    {
        key = key.TrimStart('/');
        if (V5Key().Match(key) is { Success: true } v5)
        {
            return (v5.Groups["name"].Value, v5.Groups["version"].Value);
        }
        var paren = key.IndexOf('(', StringComparison.Ordinal);
        var head = paren < 0 ? key : key[..paren];
        var at = head.IndexOf('@', 1);
        if (at > 0)
        {
            return (key[..at], key[(at + 1)..]);
        }
        var slash = key.LastIndexOf('/');
        return slash > 0 ? (key[..slash], key[(slash + 1)..]) : (key, "");
    }

    /// <summary>The version without pnpm's peer-dependency suffix.</summary>
    private static string Strip(string version)
    {
        var cut = version.IndexOfAny(['(', '_']);
        return cut < 0 ? version : version[..cut];
    }

    private static IEnumerable<KeyValuePair<YamlNode, YamlNode>> Entries(YamlMappingNode? node) =>
        node?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>();

    // v5: "@scope/name/1.0.0_peer@2.0.0+other" (the peer suffix after '_', its slashes written as '+').
    [GeneratedRegex(@"^(?<name>(@[^/]+/)?[^/@]+)/(?<version>\d[^_/(]*)(_.*)?$")]
    private static partial Regex V5Key();

    private static YamlMappingNode? Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v as YamlMappingNode : null;

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;
}
