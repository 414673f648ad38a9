using System.Text;
using System.Text.RegularExpressions;

namespace Noa.Safety.Rules.Engine;

/// <summary>
/// Inline suppressions: <c>nosec</c> (Bandit's and gosec's word) silences every rule, <c>noa:ignore</c> silences
/// every rule or, followed by rule ids (<c>noa:ignore python-eval, python-exec</c>), just those. It counts on the
/// finding's first line or the line above. Read as text, not as a comment node, so it works alike in every grammar.
/// </summary>
internal static partial class Suppressions
{
    public static string? Find(byte[] source, int startByte, string ruleId)
    {
        var lineStart = LineStart(source, startByte);
        if (Check(Line(source, lineStart), ruleId) is { } here)
        {
            return here;
        }
        return lineStart == 0 ? null : Check(Line(source, LineStart(source, lineStart - 1)), ruleId);
    }

    private static string? Check(string line, string ruleId)
    {
        var m = Marker().Match(line);
        if (!m.Success)
        {
            return null;
        }
        if (m.Groups["nosec"].Success)
        {
            return "nosec";
        }
        var ids = m.Groups["id"].Captures.Select(c => c.Value).ToList();
        return ids.Count == 0 || ids.Contains(ruleId) ? m.Value.Trim() : null;
    }

    private static int LineStart(byte[] source, int offset)
    {
        var i = Math.Min(offset, source.Length) - 1;
        while (i >= 0 && source[i] != '\n')
        {
            i--;
        }
        return i + 1;
    }

    private static string Line(byte[] source, int start)
    {
        var end = Array.IndexOf(source, (byte)'\n', start);
        return Encoding.UTF8.GetString(source, start, (end < 0 ? source.Length : end) - start);
    }

    [GeneratedRegex(@"(?<nosec>\bnosec\b)|noa:ignore(?:[ \t]*[, \t][ \t]*(?<id>[a-z0-9]+(?:[.-][a-z0-9]+)+)\b)*")]
    private static partial Regex Marker();
}
