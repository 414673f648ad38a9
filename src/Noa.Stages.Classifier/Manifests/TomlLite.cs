using System.Text.RegularExpressions;

namespace Noa.Stages.Classifier.Manifests;

/// <summary>
/// Just enough TOML for manifests: table headers, <c>key = value</c> pairs, values spanning lines
/// (arrays, inline tables). Values stay raw text; <see cref="Strings"/> pulls the quoted strings out.
/// </summary>
internal static partial class TomlLite
{
    [GeneratedRegex(@"""((?:[^""\\]|\\.)*)""|'([^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();

    public static List<TomlEntry> Parse(string text)
    {
        var entries = new List<TomlEntry>();
        var table = "";
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = StripComment(lines[i]).Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (line[0] == '[')
            {
                table = line.Trim('[', ']', ' ').Replace("\"", "", StringComparison.Ordinal);
                continue;
            }
            var eq = line.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }
            var key = line[..eq].Trim().Trim('"', '\'');
            var value = line[(eq + 1)..].Trim();
            var start = i;
            while (Depth(value) > 0 && i + 1 < lines.Length)
            {
                value += "\n" + StripComment(lines[++i]).Trim();
            }
            entries.Add(new TomlEntry(table, key, value, start + 1));
        }
        return entries;
    }

    public static IEnumerable<string> Strings(string value)
    {
        foreach (Match m in Quoted().Matches(value))
        {
            yield return m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
        }
    }

    /// <summary>The first quoted string, or the raw value when there is none.</summary>
    public static string Scalar(string value) => Strings(value).FirstOrDefault() ?? value;

    private static int Depth(string value)
    {
        var depth = 0;
        var quote = '\0';
        foreach (var c in value)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c is '[' or '{')
            {
                depth++;
            }
            else if (c is ']' or '}')
            {
                depth--;
            }
        }
        return depth;
    }

    private static string StripComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#')
            {
                return line[..i];
            }
        }
        return line;
    }
}
