using System.Globalization;
using System.Text;

namespace Noa.Stages.Intake;

/// <summary>
/// A path as it may be shown in a message, a log line or a terminal: characters that are not printable (controls, format
/// characters, the U+FFFD that stands for bytes that were not valid UTF-8, lone surrogates) are written as <c>\uXXXX</c>, and a
/// long path keeps its start and its end.
/// </summary>
internal static class Printable
{
    private const int Head = 120;
    private const int Tail = 60;

    public static string Escape(string path)
    {
        if (path.Length > Head + Tail + 1)
            return Escape(path[..Head]) + "…" + Escape(path[^Tail..]);
        var text = new StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (IsHidden(c))
                text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else
                text.Append(c);
        }
        return text.ToString();
    }

    private static bool IsHidden(char c) => c == '\uFFFD' || char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
