using System.Security.Cryptography;
using System.Text;
using Noa.Safety.Rules.Loading;
using Noa.TreeSitter;

namespace Noa.Safety.Rules.Engine;

/// <summary>Parses one file and runs its grammar's rules. One per thread: it owns a parser and a query cursor.</summary>
internal sealed class FileScanner : IDisposable
{
    private readonly Parser _parser = new();
    private readonly QueryCursor _cursor = new();

    /// <summary>The findings of <paramref name="rules"/> in <paramref name="source"/>, or a reason it was not scanned.</summary>
    public (List<Finding>? Findings, string? Skip) Scan(string path, byte[] source, LanguageRules rules, ScanOptions options)
    {
        using var tree = _parser.Parse(source, rules.Language, options.ParseTimeout);
        if (tree is null)
        {
            return (null, $"parse did not finish within {options.ParseTimeout.TotalSeconds:0.#} s");
        }
        var hits = new List<(Rule Rule, QueryMatch Match)>();
        if (options.CombineQueries)
        {
            hits.AddRange(_cursor.Matches(rules.Combined, tree.Root).Select(m => (rules.RuleOf(m.Pattern), m)));
        }
        else
        {
            foreach (var (rule, query) in rules.Separate)
            {
                hits.AddRange(_cursor.Matches(query, tree.Root).Select(m => (rule, m)));
            }
        }
        var seen = new HashSet<(string, int, int)>();
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        var findings = new List<Finding>();
        foreach (var (rule, match) in hits.OrderBy(h => h.Match["finding"].StartByte))
        {
            var node = match["finding"];
            if (node.IsNull || !seen.Add((rule.Id, node.StartByte, node.EndByte)))
            {
                continue; // several patterns of one rule, or several matches of one pattern, at the same place
            }
            var text = node.Text;
            var key = rule.Id + "\0" + string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            var nth = occurrences[key] = occurrences.GetValueOrDefault(key) + 1;
            findings.Add(new Finding(rule.Id, path, Range(source, node), Message(rule.Message, match), rule.Severity,
                rule.Metadata.Cwe, Clip(text), Fingerprint(key, nth), Suppressions.Find(source, node.StartByte, rule.Id)));
        }
        return (findings, null);
    }

    private static string Message(string template, QueryMatch match) =>
        RuleReader.Placeholder().Replace(template, m => match[m.Groups[1].Value] is { IsNull: false } n ? Clip(n.Text, 80) : m.Value);

    private static string Clip(string text, int max = 200)
    {
        var newline = text.IndexOf('\n');
        var line = (newline < 0 ? text : text[..newline]).TrimEnd('\r');
        return line.Length > max ? line[..max] + "…" : line;
    }

    private static TextRange Range(byte[] source, Node node)
    {
        var (start, end) = (node.Start, node.End);
        return new TextRange((int)start.Row + 1, Column(source, node.StartByte, (int)start.Column),
            (int)end.Row + 1, Column(source, node.EndByte, (int)end.Column));
    }

    // tree-sitter columns count bytes; SARIF's count UTF-16 code units.
    private static int Column(byte[] source, int offset, int byteColumn) =>
        Encoding.UTF8.GetCharCount(source, offset - byteColumn, byteColumn) + 1;

    private static string Fingerprint(string key, int nth) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{key}\0{nth}")))[..32];

    public void Dispose()
    {
        _parser.Dispose();
        _cursor.Dispose();
    }
}
