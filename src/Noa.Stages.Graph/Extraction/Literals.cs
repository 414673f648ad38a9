using System.Text;
using System.Text.RegularExpressions;

namespace Noa.Stages.Graph.Extraction;

/// <summary>Turns captured source text into values: string literals unquoted, comments into doc text.</summary>
internal static partial class Literals
{
    /// <summary>The value of a literal as written in source, or null when it is interpolated (not a constant).
    /// Identifiers (e.g. <c>process.env.X</c>'s <c>X</c>) come back unchanged.</summary>
    public static string? Unquote(string text)
    {
        var s = text.Trim();
        // A string prefix (Python r/b/u/f and pairs, C# @ and $, Rust r#) only counts when a quote follows it.
        var prefix = 0;
        while (prefix < s.Length && prefix < 3 && s[prefix] is 'r' or 'R' or 'b' or 'B' or 'u' or 'U' or 'f' or 'F' or '@' or '$' or '#')
        {
            prefix++;
        }
        if (prefix == s.Length || s[prefix] is not ('"' or '\'' or '`'))
        {
            prefix = 0;
        }
        var interpolated = s[..prefix].IndexOfAny(['f', 'F', '$']) >= 0;
        var body = s[prefix..];
        if (body.Length == 0 || body[0] is not ('"' or '\'' or '`'))
        {
            return s; // an identifier or other bare token
        }
        if (s.StartsWith("r#", StringComparison.Ordinal))
        {
            body = body.TrimEnd('#');
        }
        var quote = body.StartsWith("\"\"\"", StringComparison.Ordinal) || body.StartsWith("'''", StringComparison.Ordinal) ? body[..3] : body[..1];
        if (body.Length < 2 * quote.Length || !body.EndsWith(quote, StringComparison.Ordinal))
        {
            return null;
        }
        var value = body[quote.Length..^quote.Length];
        if (interpolated || (quote == "`" && value.Contains("${", StringComparison.Ordinal)))
        {
            return null;
        }
        return value;
    }

    /// <summary>Doc text from comments or a docstring: markers removed, lines joined, at most 600 characters.</summary>
    public static string? Doc(IEnumerable<string> parts)
    {
        var lines = new List<string>();
        foreach (var part in parts)
        {
            var text = part.Trim();
            if (text.StartsWith("\"\"\"", StringComparison.Ordinal) || text.StartsWith("'''", StringComparison.Ordinal) ||
                text.StartsWith("r\"\"\"", StringComparison.Ordinal))
            {
                text = text.TrimStart('r').Trim('"', '\'');
            }
            else if (text.StartsWith("/*", StringComparison.Ordinal))
            {
                text = text.TrimStart('/').TrimStart('*').TrimEnd('/').TrimEnd('*');
            }
            foreach (var raw in text.Split('\n'))
            {
                var line = CommentMarker().Replace(raw.Trim(), "");
                lines.Add(line.Trim());
            }
        }
        var joined = new StringBuilder();
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                if (joined.Length > 0)
                {
                    break; // the first paragraph is the summary
                }
                continue;
            }
            if (line.StartsWith('<') && line.EndsWith('>') && !line.Contains(' ', StringComparison.Ordinal) && line.IndexOf('<', 1) < 0)
            {
                continue; // <summary>, </summary> alone on their line (not `<summary>Doc.</summary>`)
            }
            if (joined.Length > 0)
            {
                joined.Append(' ');
            }
            joined.Append(XmlTag().Replace(line, ""));
        }
        var doc = joined.ToString().Trim();
        return doc.Length == 0 ? null : doc.Length > 600 ? doc[..597] + "..." : doc;
    }

    /// <summary>Whitespace runs collapsed to one space, cut at <paramref name="max"/> characters.</summary>
    public static string OneLine(string text, int max = 200)
    {
        var s = Whitespace().Replace(text, " ").Trim();
        return s.Length > max ? s[..(max - 3)] + "..." : s;
    }

    [GeneratedRegex(@"^(///?!?|//!|#+|\*+/?|--)\s?")]
    private static partial Regex CommentMarker();

    [GeneratedRegex(@"</?(summary|remarks|para|c|see|returns|param)[^>]*>")]
    private static partial Regex XmlTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
