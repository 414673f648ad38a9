using System.Text;

namespace Noa.Safety.Secrets.Rules;

/// <summary>
/// Rewrites the parts of Go RE2 syntax that .NET reads differently: <c>(?P&lt;name&gt;</c>, POSIX classes,
/// <c>\pL</c>, <c>\x{…}</c>, <c>\Q…\E</c>, and the ASCII-only meaning RE2 gives <c>\d \w \s</c> (Unicode in .NET).
/// </summary>
internal static class Re2Translator
{
    private static readonly Dictionary<string, string> Posix = new(StringComparer.Ordinal)
    {
        ["alnum"] = "a-zA-Z0-9", ["alpha"] = "a-zA-Z", ["digit"] = "0-9", ["xdigit"] = "0-9a-fA-F",
        ["upper"] = "A-Z", ["lower"] = "a-z", ["space"] = @"\t\n\v\f\r ", ["word"] = "a-zA-Z0-9_",
        ["punct"] = @"!-/:-@\[-`{-~", ["blank"] = @"\t ", ["cntrl"] = @"\x00-\x1f\x7f", ["print"] = @"\x20-\x7e",
        ["graph"] = @"\x21-\x7e", ["ascii"] = @"\x00-\x7f",
    };

    public static string Translate(string pattern)
    {
        var sb = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var n = pattern[i + 1];
                i++;
                switch (n)
                {
                    case 'd': sb.Append(inClass ? "0-9" : "[0-9]"); break;
                    case 'w': sb.Append(inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]"); break;
                    case 's': sb.Append(inClass ? @"\t\n\f\r " : @"[\t\n\f\r ]"); break;
                    case 'Q':
                        var end = pattern.IndexOf(@"\E", i + 1, StringComparison.Ordinal);
                        var literal = end < 0 ? pattern[(i + 1)..] : pattern[(i + 1)..end];
                        sb.Append(System.Text.RegularExpressions.Regex.Escape(literal));
                        i = end < 0 ? pattern.Length : end + 1;
                        break;
                    case 'p' or 'P' when i + 1 < pattern.Length && pattern[i + 1] != '{':
                        sb.Append('\\').Append(n).Append('{').Append(pattern[i + 1]).Append('}');
                        i++;
                        break;
                    case 'x' when i + 1 < pattern.Length && pattern[i + 1] == '{':
                        var close = pattern.IndexOf('}', i);
                        var hex = pattern[(i + 2)..close];
                        sb.Append(@"\u").Append(Convert.ToInt32(hex, 16).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                        i = close;
                        break;
                    case 'z': sb.Append(@"\z"); break;
                    default: sb.Append('\\').Append(n); break;
                }
                continue;
            }
            if (inClass && c == '[' && i + 1 < pattern.Length && pattern[i + 1] == ':')
            {
                var close = pattern.IndexOf(":]", i + 2, StringComparison.Ordinal);
                var name = close < 0 ? null : pattern[(i + 2)..close];
                if (name is not null && Posix.TryGetValue(name.TrimStart('^'), out var range) && !name.StartsWith('^'))
                {
                    sb.Append(range);
                    i = close + 1;
                    continue;
                }
            }
            if (!inClass && c == '(' && pattern.AsSpan(i).StartsWith("(?P<"))
            {
                sb.Append("(?<");
                i += 3;
                continue;
            }
            if (c == '[' && !inClass)
            {
                inClass = true;
                sb.Append(c);
                // A leading ']' (or '^]') is a literal in both dialects; copy it so it does not close the class.
                if (i + 1 < pattern.Length && pattern[i + 1] == '^') { sb.Append('^'); i++; }
                if (i + 1 < pattern.Length && pattern[i + 1] == ']') { sb.Append(@"\]"); i++; }
                continue;
            }
            if (c == ']' && inClass)
            {
                inClass = false;
            }
            else if (c == '[' && inClass)
            {
                sb.Append('\\'); // .NET reads '[' inside a class as subtraction syntax in places; RE2 as a literal
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
