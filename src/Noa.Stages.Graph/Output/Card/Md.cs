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
