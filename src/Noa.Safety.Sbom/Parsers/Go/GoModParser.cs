using Noa.Safety.Sbom.Parsing;
using Noa.Safety.Vulnerabilities.Versions;

namespace Noa.Safety.Sbom.Parsers.Go;

/// <summary>
/// go.mod: require directives (single and blocks; "// indirect" marks transitive modules), with
/// replace directives applied (a local-path replacement is the project's own code). Since Go 1.17
/// go.mod lists every module the build needs; before that, the modules whose contents go.sum hashes
/// (lines without /go.mod, the highest version of each) complete it. go.sum's h1: hashes are hashes of
/// a module tree, not of a file, so no SBOM hash field can hold them.
/// </summary>
internal static class GoModParser
{
    public static void Parse(ParseContext context)
    {
        var requires = new List<(string Path, string Version, bool Indirect)>();
        var goVersion = new Version(1, 17);
        var replaces = new Dictionary<string, (string Path, string? Version)>(StringComparer.Ordinal);
        string? block = null;
        var n = 0;
        foreach (var raw in context.Text.Split('\n'))
        {
            n++;
            var comment = raw.IndexOf("//", StringComparison.Ordinal);
            var indirect = comment >= 0 && raw[comment..].Contains("indirect", StringComparison.Ordinal);
            var line = (comment >= 0 ? raw[..comment] : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (line == ")")
            {
                block = null;
                continue;
            }
            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (block is null && words.Length >= 2 && words[1] == "(")
            {
                block = words[0];
                continue;
            }
            var (verb, args) = block is null ? (words[0], words[1..]) : (block, words);
            if (verb == "go" && args.Length == 1 && Version.TryParse(args[0].Split('.').Length == 2 ? args[0] : string.Join('.', args[0].Split('.').Take(2)), out var declared))
            {
                goVersion = declared;
            }
            else if (verb == "require")
            {
                if (args.Length < 2)
                {
                    context.Problem($"line {n}: a require needs a module path and a version: \"{line}\"");
                    continue;
                }
                requires.Add((Unquote(args[0]), args[1], indirect));
            }
            else if (verb == "replace" && Array.IndexOf(args, "=>") is var arrow and > 0 && arrow + 1 < args.Length)
            {
                var key = arrow == 2 ? $"{Unquote(args[0])}@{args[1]}" : Unquote(args[0]);
                replaces[key] = (Unquote(args[arrow + 1]), arrow + 2 < args.Length ? args[arrow + 2] : null);
            }
        }
        foreach (var (path, version, indirect) in requires)
        {
            var (target, targetVersion) = replaces.GetValueOrDefault($"{path}@{version}", replaces.GetValueOrDefault(path, (path, version)));
            if (targetVersion is null)
            {
                continue; // replaced by a local folder
            }
            var draft = context.Add(Draft(target, targetVersion));
            draft.Direct |= !indirect;
            if (!indirect)
            {
                context.Edge(null, draft.Purl);
            }
        }
        if (goVersion < new Version(1, 17) && context.Files.Sibling(context.Path, "go.sum") is { } sum)
        {
            var listed = requires.Select(r => r.Path).Concat(replaces.Values.Select(r => r.Path)).Concat(replaces.Keys.Select(k => k.Split('@')[0])).ToHashSet(StringComparer.Ordinal);
            foreach (var (path, version) in SumModules(ParseContext.Decode(sum)).Where(m => !listed.Contains(m.Path)))
            {
                context.Add(Draft(path, version));
            }
        }
    }

    /// <summary>The modules go.sum hashes the contents of (not only the go.mod), the highest version of each.</summary>
    private static IEnumerable<(string Path, string Version)> SumModules(string text) => text.Split('\n')
        .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Where(w => w.Length == 3 && !w[1].EndsWith("/go.mod", StringComparison.Ordinal))
        .GroupBy(w => w[0], StringComparer.Ordinal)
        .Select(g => (g.Key, g.Select(w => w[1]).Order(GoVersion.Comparer).Last()));

    public static void ParseSum(ParseContext context)
    {
        if (context.Files.HasSibling(context.Path, "go.mod"))
        {
            return;
        }
        foreach (var (path, version) in SumModules(context.Text))
        {
            context.Add(Draft(path, version));
        }
    }

    private static ComponentDraft Draft(string path, string version)
    {
        var slash = path.LastIndexOf('/');
        return new ComponentDraft
        {
            Ecosystem = "golang", Namespace = slash > 0 ? path[..slash] : null, Name = slash > 0 ? path[(slash + 1)..] : path,
            Version = version, Scope = ComponentScope.Runtime,
        };
    }

    private static string Unquote(string s) => s.Trim('"', '`');
}
