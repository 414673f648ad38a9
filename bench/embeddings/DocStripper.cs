using System.Text.RegularExpressions;

namespace Noa.Bench.Embeddings;

/// <summary>
/// Blanks the doc of a definition in a file's lines, so the index cannot see the text the queries are made of:
/// the comment block right above it (Javadoc, JSDoc, <c>///</c>, <c>//</c>, <c>#</c>; attributes, annotations and
/// decorators between it and the definition are kept) and, in Python, the docstring that opens its body.
/// Lines are blanked, not removed, so line numbers stay those of kg.json.
/// </summary>
internal static partial class DocStripper
{
    /// <param name="lines">The file's lines, changed in place.</param>
    /// <param name="start">First line of the definition, 1-based.</param>
    /// <param name="end">Last line, 1-based.</param>
    /// <param name="python">Whether to look for a docstring too.</param>
    public static void Strip(string[] lines, int start, int end, bool python)
    {
        StripAbove(lines, start - 2);
        if (python)
            StripDocstring(lines, start - 1, Math.Min(end, lines.Length) - 1);
    }

    private static void StripAbove(string[] lines, int i)
    {
        while (i >= 0)
        {
            var t = lines[i].Trim();
            if (t.StartsWith("#[", StringComparison.Ordinal) || t.StartsWith('@'))
            {
                i--;
                continue;
            }
            if (t.EndsWith("*/", StringComparison.Ordinal) && !t.Contains("/*", StringComparison.Ordinal))
            {
                // the end of a block comment: blank up to its opening line
                while (i >= 0 && !lines[i].Contains("/*", StringComparison.Ordinal))
                    lines[i--] = "";
                if (i >= 0)
                    lines[i--] = "";
                continue;
            }
            if (t.StartsWith("//", StringComparison.Ordinal) || t.StartsWith("/*", StringComparison.Ordinal)
                || t.StartsWith('#') || (t.StartsWith('*') && !t.StartsWith("*)", StringComparison.Ordinal)))
            {
                lines[i--] = "";
                continue;
            }
            return;
        }
    }

    private static void StripDocstring(string[] lines, int first, int last)
    {
        // the header ends on the first line where brackets are balanced and the code ends with ':'
        var depth = 0;
        var i = first;
        for (; i <= last && i < first + 40; i++)
        {
            var code = lines[i].Split('#')[0];
            foreach (var c in code)
                depth += c is '(' or '[' or '{' ? 1 : c is ')' or ']' or '}' ? -1 : 0;
            if (depth <= 0 && code.TrimEnd().EndsWith(':'))
                break;
        }
        i++;
        while (i <= last && lines[i].Trim().Length == 0)
            i++;
        if (i > last || StringStart().Match(lines[i].TrimStart()) is not { Success: true } open)
            return;
        var quote = open.Groups["q"].Value;
        var rest = lines[i].TrimStart()[open.Length..];
        if (quote.Length == 1 || rest.Contains(quote, StringComparison.Ordinal))
        {
            lines[i] = "";
            return;
        }
        lines[i++] = "";
        for (; i <= last; i++)
        {
            var closes = lines[i].Contains(quote, StringComparison.Ordinal);
            lines[i] = "";
            if (closes)
                return;
        }
    }

    [GeneratedRegex("""^[rRuUbBfF]{0,2}(?<q>\"\"\"|'''|"|')""")]
    private static partial Regex StringStart();
}
