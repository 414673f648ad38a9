using System.Text;
using System.Text.RegularExpressions;

namespace Noa.Stages.Classifier.Paths;

/// <summary>
/// A <c>.gitattributes</c> pattern as git's wildmatch reads it (with <c>WM_PATHNAME</c>), turned into one regular expression.
/// MAB.DotIgnore, which Intake uses for .gitignore, reads <c>[a!]b</c> as "not a" and lets <c>dir</c> match the files below it —
/// right for .gitignore's folder semantics, wrong here — so the attributes keep their own translation, checked against
/// <c>git check-attr</c> itself in the tests.
/// </summary>
internal static class GitGlob
{
    private static readonly Regex Never = new("(?!)", RegexOptions.CultureInvariant);

    // wildmatch's [:class:] names, as .NET classes (ASCII, as git's ctype).
    private static readonly Dictionary<string, string> Classes = new(StringComparer.Ordinal)
    {
        ["alnum"] = "a-zA-Z0-9", ["alpha"] = "a-zA-Z", ["blank"] = @" \t", ["cntrl"] = @"\x00-\x1F\x7F", ["digit"] = "0-9",
        ["graph"] = @"\x21-\x7E", ["lower"] = "a-z", ["print"] = @"\x20-\x7E", ["punct"] = @"!-/:-@\[-`{-~", ["space"] = @" \t\n\r\f\v",
        ["upper"] = "A-Z", ["xdigit"] = "0-9a-fA-F",
    };

    /// <summary>The expression for <paramref name="glob"/> written in the <c>.gitattributes</c> of folder <paramref name="dir"/>
    /// (empty or ending in <c>/</c>). Without a slash a pattern matches a name at any depth below that folder; with one it is
    /// anchored there; <c>**</c> crosses folders only as a whole segment; a folder pattern does not reach the files inside it.
    /// A pattern git would never match (an unclosed <c>[</c>) never matches.</summary>
    public static Regex ToRegex(string dir, string glob)
    {
        // A trailing slash only marks a folder pattern; the slash before it does not anchor.
        var anchored = glob.TrimEnd('/').Contains('/', StringComparison.Ordinal);
        var body = glob.StartsWith('/') ? glob[1..] : glob;
        var sb = new StringBuilder("^").Append(Regex.Escape(dir));
        if (!anchored)
        {
            sb.Append("(?:.*/)?");
        }
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            switch (c)
            {
                case '*' when i + 1 < body.Length && body[i + 1] == '*':
                    var end = i + 2;
                    while (end < body.Length && body[end] == '*')
                    {
                        end++;
                    }
                    var wholeSegment = (i == 0 || body[i - 1] == '/') && (end == body.Length || body[end] == '/');
                    if (!wholeSegment)
                    {
                        sb.Append("[^/]*");
                    }
                    else if (end == body.Length)
                    {
                        sb.Append(".*");
                    }
                    else
                    {
                        // "**/" matches zero or more folders.
                        sb.Append("(?:.*/)?");
                        end++;
                    }
                    i = end - 1;
                    break;
                case '*':
                    sb.Append("[^/]*");
                    break;
                case '?':
                    sb.Append("[^/]");
                    break;
                case '\\' when i + 1 < body.Length:
                    sb.Append(Regex.Escape(body[++i].ToString()));
                    break;
                case '[':
                    if (Bracket(body, ref i) is not { } set)
                    {
                        return Never;
                    }
                    sb.Append(set);
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        sb.Append('$');
        return new Regex(sb.ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    // A bracket expression from body[i] == '[' to its ']', as a .NET class that never matches '/'; null when it is not closed.
    private static string? Bracket(string body, ref int i)
    {
        var j = i + 1;
        var negated = j < body.Length && body[j] is '!' or '^';
        if (negated)
        {
            j++;
        }
        var set = new StringBuilder();
        var first = true;
        for (; j < body.Length; j++, first = false)
        {
            var c = body[j];
            if (c == ']' && !first)
            {
                i = j;
                return negated ? $"[^/{set}]" : $"[{set}-[/]]";
            }
            if (c == '[' && j + 1 < body.Length && body[j + 1] == ':' && body.IndexOf(":]", j + 2, StringComparison.Ordinal) is var close and > 0
                && Classes.TryGetValue(body[(j + 2)..close], out var cls))
            {
                set.Append(cls);
                j = close + 1;
                continue;
            }
            if (c == '\\' && j + 1 < body.Length)
            {
                c = body[++j];
            }
            if (j + 2 < body.Length && body[j + 1] == '-' && body[j + 2] != ']')
            {
                var high = body[j + 2];
                var skip = 2;
                if (high == '\\' && j + 3 < body.Length)
                {
                    high = body[j + 3];
                    skip = 3;
                }
                if (high >= c)
                {
                    set.Append(Escape(c)).Append('-').Append(Escape(high));
                }
                j += skip;
                continue;
            }
            set.Append(Escape(c));
        }
        return null;
    }

    private static string Escape(char c) => c is '\\' or ']' or '[' or '^' or '-' ? "\\" + c : c.ToString();
}
