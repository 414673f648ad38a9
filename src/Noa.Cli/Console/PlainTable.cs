using System.Text;

namespace Noa.Cli.Console;

/// <summary>
/// A table as Spectre.Console writes one with a rounded border and no colours (to a pipe or a file, <see
/// cref="RedirectedOutput"/>), written without it: Spectre's console set-up and table layout are most of a cold
/// <c>noa runs list</c>'s own work (their generic collections compiled at run time). Only tables whose layout is plain:
/// every cell one line of printable ASCII with no emoji code and the whole no wider than <see cref="RedirectedOutput.Width"/>; anything else
/// (wrapping, wide or combining characters, control characters) is left to Spectre. A test compares the bytes of both.
/// </summary>
internal static class PlainTable
{
    /// <summary>The table's lines (each ending in <c>\n</c>), or null when Spectre must lay it out.</summary>
    public static string? TryFormat(string[] headers, IReadOnlyList<string[]> rows)
    {
        var widths = new int[headers.Length];
        var total = 3 * headers.Length + 1; // each column's borders and padding
        for (var i = 0; i < headers.Length; i++)
        {
            if (!Plain(headers[i]))
                return null;
            widths[i] = headers[i].Length;
            foreach (var row in rows)
            {
                if (row.Length != headers.Length || !Plain(row[i]))
                    return null;
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
            total += widths[i];
        }
        if (total > RedirectedOutput.Width)
            return null;
        var text = new StringBuilder();
        Rule(text, widths, '╭', '┬', '╮');
        Row(text, widths, headers);
        if (rows.Count > 0) // as Spectre: no rule under the headers of an empty table
            Rule(text, widths, '├', '┼', '┤');
        foreach (var row in rows)
            Row(text, widths, row);
        Rule(text, widths, '╰', '┴', '╯');
        return text.ToString();
    }

    /// <summary>
    /// Printable ASCII with no <c>:name:</c> in it (Spectre writes <c>:calendar:</c> as its emoji; a pair that names none is
    /// left to it as well), but for two digits between colons, as in a time of day (no emoji is named by two digits).
    /// </summary>
    private static bool Plain(string cell)
    {
        var colon = -1; // the last colon with no space after it
        for (var i = 0; i < cell.Length; i++)
        {
            var c = cell[i];
            if (c is < ' ' or > '~')
                return false;
            if (c == ' ')
                colon = -1;
            else if (c == ':')
            {
                if (colon >= 0 && !(i - colon == 3 && char.IsAsciiDigit(cell[colon + 1]) && char.IsAsciiDigit(cell[colon + 2])))
                    return false;
                colon = i;
            }
        }
        return true;
    }

    private static void Rule(StringBuilder text, int[] widths, char left, char middle, char right)
    {
        for (var i = 0; i < widths.Length; i++)
            text.Append(i == 0 ? left : middle).Append('─', widths[i] + 2);
        text.Append(right).Append('\n');
    }

    private static void Row(StringBuilder text, int[] widths, string[] cells)
    {
        for (var i = 0; i < widths.Length; i++)
            text.Append("│ ").Append(cells[i]).Append(' ', widths[i] - cells[i].Length + 1);
        text.Append("│\n");
    }
}
