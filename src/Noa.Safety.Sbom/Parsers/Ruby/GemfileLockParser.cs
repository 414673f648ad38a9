using Noa.Safety.Sbom.Parsing;

namespace Noa.Safety.Sbom.Parsers.Ruby;

/// <summary>
/// Bundler's Gemfile.lock: GEM, GIT and PATH sections list "specs:" at four spaces ("name (version)",
/// a platform suffix such as -x86_64-linux for native builds) and their dependencies at six;
/// DEPENDENCIES names the direct gems. Groups are not in the lockfile: the Gemfile beside it says which
/// direct gems are development or test only, and what only those reach is dev.
/// </summary>
internal static class GemfileLockParser
{
    public static void Parse(ParseContext context)
    {
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        var edges = new List<(string From, string To)>();
        var direct = new List<string>();
        string? section = null;
        string? remote = null;
        string? current = null;
        foreach (var raw in context.Text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }
            if (!char.IsWhiteSpace(line[0]))
            {
                section = line.Trim();
                remote = null;
                continue;
            }
            var indent = line.Length - line.TrimStart(' ').Length;
            var text = line.Trim();
            if (section is "GEM" or "GIT" or "PATH")
            {
                if (indent == 2 && text.StartsWith("remote:", StringComparison.Ordinal))
                {
                    remote = text[7..].Trim();
                }
                else if (indent == 4 && Spec(text) is { } spec && spec.Version is { } version)
                {
                    if (section == "PATH")
                    {
                        current = null; // the project's own gem, or one in a local folder
                        continue;
                    }
                    var draft = context.Add(new ComponentDraft
                    {
                        Ecosystem = "gem", Name = spec.Name, Version = StripPlatform(version), Scope = ComponentScope.Runtime,
                        Qualifiers = section == "GIT" && remote is not null ? [new("vcs_url", remote)] : null,
                    });
                    byName[spec.Name] = current = draft.Purl;
                }
                else if (indent == 6 && current is not null && Spec(text) is { } dep)
                {
                    edges.Add((current, dep.Name));
                }
            }
            else if (section == "DEPENDENCIES" && indent == 2 && Spec(text) is { } d)
            {
                direct.Add(d.Name.TrimEnd('!'));
            }
        }
        foreach (var (from, to) in edges)
        {
            if (byName.TryGetValue(to, out var target))
            {
                context.Edge(from, target);
            }
        }
        var devOnly = context.Files.Sibling(context.Path, "Gemfile") is { } gemfile ? GemfileGroups.DevOnly(Parsing.ParseContext.Decode(gemfile)) : [];
        var roots = direct.Where(byName.ContainsKey).ToList();
        foreach (var name in roots)
        {
            context.Components[byName[name]].Direct = true;
            context.Edge(null, byName[name]);
        }
        if (devOnly.Count > 0)
        {
            context.InferScopes(roots.Where(n => !devOnly.Contains(n)).Select(n => byName[n]), [], roots.Where(devOnly.Contains).Select(n => byName[n]));
        }
    }

    private static (string Name, string? Version)? Spec(string text)
    {
        var paren = text.IndexOf(" (", StringComparison.Ordinal);
        if (paren < 0)
        {
            return text.Length > 0 ? (text, null) : null;
        }
        var version = text[(paren + 2)..].TrimEnd(')');
        return (text[..paren], version.Length > 0 && char.IsAsciiDigit(version[0]) ? version : null);
    }

    /// <summary>"1.15.4-x86_64-linux" → "1.15.4": one gem version, whichever platform build was locked (Bundler writes no other '-').</summary>
    private static string StripPlatform(string version) =>
        version.IndexOf('-', StringComparison.Ordinal) is var dash and > 0 ? version[..dash] : version;
}
