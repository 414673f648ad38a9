using System.Text.Json;
using Noa.Safety.Sbom.Parsing;

namespace Noa.Safety.Sbom.Parsers.Npm;

/// <summary>
/// yarn.lock, classic (v1, <c>key "value"</c>) and berry (YAML, <c>key: value</c>): both are blocks of
/// descriptors ("name@range", comma-separated) with indented fields, read here by indentation.
/// </summary>
internal static class YarnLockParser
{
    private sealed record Entry(List<string> Descriptors, Dictionary<string, string> Fields, List<(string Name, string Range)> Dependencies, int Line);

    public static void Parse(ParseContext context)
    {
        var entries = Read(context);
        var byDescriptor = new Dictionary<string, string>(StringComparer.Ordinal);
        var members = new List<Entry>();
        var purlOf = new Dictionary<Entry, string>();
        foreach (var entry in entries)
        {
            if (Identify(entry) is not { } id)
            {
                if (entry.Fields.GetValueOrDefault("resolution")?.Contains("@workspace:", StringComparison.Ordinal) == true)
                {
                    members.Add(entry);
                }
                continue;
            }
            var draft = NpmPackage.Draft(id.Name, id.Version, ComponentScope.Runtime, id.Source);
            draft.Hashes.AddRange(Hashes.FromIntegrity(entry.Fields.GetValueOrDefault("integrity")));
            var purl = context.Add(draft).Purl;
            purlOf[entry] = purl;
            entry.Descriptors.ForEach(d => byDescriptor[d] = purl);
        }
        foreach (var (entry, purl) in purlOf)
        {
            foreach (var dep in entry.Dependencies)
            {
                if (Lookup(byDescriptor, dep.Name, dep.Range) is { } target)
                {
                    context.Edge(purl, target);
                }
            }
        }
        var runtime = new List<string>();
        var optional = new List<string>();
        var dev = new List<string>();
        var manifest = NpmPackage.SiblingManifest(context);
        // Berry's root workspace entry lists dev dependencies with the others; package.json tells them apart.
        foreach (var member in members.Where(m => manifest is null || !m.Fields["resolution"].EndsWith("@workspace:.", StringComparison.Ordinal)))
        {
            runtime.AddRange(member.Dependencies.Select(d => Lookup(byDescriptor, d.Name, d.Range)).OfType<string>());
        }
        if (manifest is not null)
        {
            foreach (var (kind, list) in new[] { ("dependencies", runtime), ("peerDependencies", runtime), ("optionalDependencies", optional), ("devDependencies", dev) })
            {
                if (manifest.Value.TryGetProperty(kind, out var deps) && deps.ValueKind == JsonValueKind.Object)
                {
                    list.AddRange(deps.EnumerateObject().Select(p => Lookup(byDescriptor, p.Name, p.Value.ToString())).OfType<string>());
                }
            }
        }
        foreach (var purl in runtime.Concat(optional).Concat(dev))
        {
            context.Components[purl].Direct = true;
            context.Edge(null, purl);
        }
        if (runtime.Count + optional.Count + dev.Count > 0)
        {
            context.InferScopes(runtime, optional, dev);
        }
    }

    private static string? Lookup(Dictionary<string, string> byDescriptor, string name, string range) =>
        byDescriptor.GetValueOrDefault($"{name}@{range}") ?? byDescriptor.GetValueOrDefault($"{name}@npm:{range}");

    /// <summary>The real package name, version and non-registry source of an entry; null for workspace members and local links.</summary>
    private static (string Name, string Version, string? Source)? Identify(Entry entry)
    {
        var version = entry.Fields.GetValueOrDefault("version");
        if (entry.Fields.TryGetValue("resolution", out var resolution))
        {
            var (name, reference) = Split(resolution);
            if (reference.StartsWith("patch:", StringComparison.Ordinal))
            {
                // A patched package is the package it patches: "resolve@patch:resolve@npm%3A1.22.1#...".
                var inner = Uri.UnescapeDataString(reference[6..].Split('#')[0]);
                (name, reference) = Split(inner);
            }
            return reference.Split(':', 2) switch
            {
                ["npm", var v] => (name, v, null),
                ["workspace" or "link" or "portal", _] => null,
                _ when version is not null => (name, version, reference),
                _ => null,
            };
        }
        if (version is null)
        {
            return null;
        }
        var (alias, range) = Split(entry.Descriptors[0]);
        if (range.StartsWith("npm:", StringComparison.Ordinal) && range.LastIndexOf('@') is var at and > 4)
        {
            alias = range[4..at];
        }
        if (range.StartsWith("file:", StringComparison.Ordinal) || range.StartsWith("link:", StringComparison.Ordinal))
        {
            return null;
        }
        var resolved = entry.Fields.GetValueOrDefault("resolved");
        return (alias, version, resolved);
    }

    /// <summary>"@scope/name@range" → ("@scope/name", "range").</summary>
    private static (string Name, string Reference) Split(string descriptor)
    {
        var at = descriptor.IndexOf('@', 1);
        return at < 0 ? (descriptor, "") : (descriptor[..at], descriptor[(at + 1)..]);
    }

    private static List<Entry> Read(ParseContext context)
    {
        var entries = new List<Entry>();
        Entry? current = null;
        string? block = null;
        var lines = context.Text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }
            var indent = line.Length - line.TrimStart(' ').Length;
            var text = line.Trim();
            if (indent == 0)
            {
                if (!text.EndsWith(':'))
                {
                    throw new FormatException($"line {n + 1}: expected a \"name@range:\" header, got \"{Cut(text)}\"");
                }
                var descriptors = text[..^1].Split(',').Select(d => d.Trim().Trim('"')).Where(d => d.Length > 0).ToList();
                current = descriptors.Count == 1 && descriptors[0] == "__metadata" ? null : new Entry(descriptors, [], [], n + 1);
                if (current is not null)
                {
                    entries.Add(current);
                }
                block = null;
                continue;
            }
            if (current is null)
            {
                continue;
            }
            var (key, value) = KeyValue(text);
            if (indent == 2)
            {
                block = value.Length == 0 ? key : null;
                if (value.Length > 0)
                {
                    current.Fields[key] = value;
                }
            }
            else if (indent == 4 && block is "dependencies" or "optionalDependencies")
            {
                current.Dependencies.Add((key, value));
            }
        }
        return entries;
    }

    private static (string Key, string Value) KeyValue(string text)
    {
        string key;
        string rest;
        if (text.StartsWith('"'))
        {
            var end = text.IndexOf('"', 1);
            if (end < 0)
            {
                throw new FormatException($"unterminated quote in \"{Cut(text)}\"");
            }
            (key, rest) = (text[1..end], text[(end + 1)..]);
        }
        else
        {
            var stop = text.IndexOfAny([' ', ':']);
            (key, rest) = stop < 0 ? (text, "") : (text[..stop], text[stop..]);
        }
        rest = rest.TrimStart(':').Trim();
        if (rest.StartsWith('"') && (rest.Length < 2 || !rest.EndsWith('"')))
        {
            throw new FormatException($"unterminated quote in \"{Cut(text)}\"");
        }
        return (key, Unquote(rest));
    }

    private static string Unquote(string s) => s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? s[1..^1] : s;

    private static string Cut(string s) => s.Length > 60 ? s[..60] + "…" : s;
}
