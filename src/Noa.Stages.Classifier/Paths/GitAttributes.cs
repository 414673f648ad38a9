using System.Text.RegularExpressions;
using Noa.Stages.Classifier.Languages;

namespace Noa.Stages.Classifier.Paths;

/// <summary>
/// The <c>linguist-vendored</c>, <c>-generated</c>, <c>-documentation</c>, <c>-detectable</c> and
/// <c>-language</c> attributes of every <c>.gitattributes</c> in the tree, which override linguist's
/// rules the way they do on GitHub: deeper files and later lines win; <c>attr=false</c> turns a rule
/// off, <c>-attr</c> and <c>!attr</c> leave the default.
/// </summary>
internal sealed class GitAttributes
{
    private readonly List<(Regex Pattern, string Name, string? Value)> _rules;

    private GitAttributes(List<(Regex, string, string?)> rules) => _rules = rules;

    public static GitAttributes Empty { get; } = new([]);

    public bool IsEmpty => _rules.Count == 0;

    /// <param name="files">Each <c>.gitattributes</c> path with its text.</param>
    public static GitAttributes Parse(IEnumerable<(string Path, string Text)> files)
    {
        var rules = new List<(Regex, string, string?)>();
        // Shallow files first: a deeper .gitattributes overrides its parents.
        foreach (var (path, text) in files.OrderBy(f => f.Path.Count(c => c == '/')).ThenBy(f => f.Path, StringComparer.Ordinal))
        {
            var slash = path.LastIndexOf('/');
            var dir = slash < 0 ? "" : path[..(slash + 1)];
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }
                var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (parts[0].StartsWith('!'))
                {
                    // git refuses negative patterns in .gitattributes ("Negative patterns are ignored") and skips the line.
                    continue;
                }
                Regex? pattern = null;
                foreach (var attr in parts.Skip(1))
                {
                    var (name, value) = attr[0] switch
                    {
                        '-' or '!' => (attr[1..], (string?)null),
                        _ when attr.Contains('=', StringComparison.Ordinal) => (attr[..attr.IndexOf('=')], attr[(attr.IndexOf('=') + 1)..]),
                        _ => (attr, "true"),
                    };
                    if (!name.StartsWith("linguist-", StringComparison.Ordinal))
                    {
                        continue;
                    }
                    pattern ??= Glob(dir, parts[0]);
                    rules.Add((pattern, name, value));
                }
            }
        }
        return new GitAttributes(rules);
    }

    public LinguistOverrides For(string path)
    {
        if (_rules.Count == 0)
        {
            return LinguistOverrides.None;
        }
        bool? vendored = null, generated = null, documentation = null, detectable = null;
        Language? language = null;
        foreach (var (pattern, name, value) in _rules)
        {
            if (!pattern.IsMatch(path))
            {
                continue;
            }
            bool? flag = value is null ? null : value != "false";
            switch (name)
            {
                case "linguist-vendored":
                    vendored = flag;
                    break;
                case "linguist-generated":
                    generated = flag;
                    break;
                case "linguist-documentation":
                    documentation = flag;
                    break;
                case "linguist-detectable":
                    detectable = flag;
                    break;
                case "linguist-language":
                    language = value is null ? null : LanguageCatalog.Instance.Find(value);
                    break;
            }
        }
        return vendored is null && generated is null && documentation is null && detectable is null && language is null
            ? LinguistOverrides.None
            : new LinguistOverrides(vendored, generated, documentation, detectable, language);
    }

    internal static Regex Glob(string dir, string glob) => GitGlob.ToRegex(dir, glob);
}
