using System.Globalization;

namespace Noa.Stages.Graph.Output.Card;

/// <summary>Markdown text helpers for the system card: code spans, table cells, invariant numbers.</summary>
internal static class Md
{
    /// <summary>A code span that survives backticks in the text.</summary>
    public static string Code(string text)
    {
        text = text.Replace('\n', ' ').Replace('\r', ' ');
        if (text.Trim().Length == 0)
        {
            return "(empty)";
        }
        return text.Contains('`', StringComparison.Ordinal) ? "`` " + text + " ``" : "`" + text + "`";
    }

    /// <summary>Text for a table cell: pipes escaped, line breaks flattened.</summary>
    public static string Cell(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');

    /// <summary>A code span inside a table cell.</summary>
    public static string CodeCell(string text) => Cell(Code(text));

    /// <summary>An integer with thousands separators, culture-independent.</summary>
    public static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A count with its noun in correct English: "1 endpoint", "2 endpoints", "0 files"; nouns whose plural is
    /// not noun + s ("1 library", "2 libraries"; "1 class", "2 classes") take it as <paramref name="plural"/>.</summary>
    public static string Count(int value, string singular, string? plural = null) =>
        $"{N(value)} {(value == 1 ? singular : plural ?? Plural(singular))}";

    /// <summary>The regular English plural of a noun.</summary>
    public static string Plural(string noun) =>
        noun.EndsWith("s", StringComparison.Ordinal) || noun.EndsWith("x", StringComparison.Ordinal) || noun.EndsWith("ch", StringComparison.Ordinal) || noun.EndsWith("sh", StringComparison.Ordinal)
            ? noun + "es"
            : noun.Length > 1 && noun.EndsWith('y') && !"aeiou".Contains(noun[^2], StringComparison.Ordinal) ? noun[..^1] + "ies" : noun + "s";

    /// <summary>A share as a percentage with one decimal.</summary>
    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary><c>file:line</c>.</summary>
    public static string Where(string? file, int? line) =>
        file is null ? "—" : line is { } l ? $"{file}:{l.ToString(CultureInfo.InvariantCulture)}" : file;

    /// <summary>"a, b, c and 4 more".</summary>
    public static string List(IReadOnlyCollection<string> items, int max)
    {
        var shown = string.Join(", ", items.Take(max));
        return items.Count > max ? $"{shown} and {N(items.Count - max)} more" : shown;
    }
}
