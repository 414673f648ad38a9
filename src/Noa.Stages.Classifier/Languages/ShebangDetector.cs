using System.Text.RegularExpressions;

namespace Noa.Stages.Classifier.Languages;

/// <summary>
/// Linguist's shebang strategy: the interpreter of <c>#!</c>, looking through <c>env</c> and its
/// options (<c>env -S python3 -u</c>, <c>env FOO=1 node</c>), dropping a trailing version
/// (<c>python2.7</c> → <c>python2</c>) and following the <c>exec</c> trick of <c>sh</c> wrappers.
/// </summary>
internal static partial class ShebangDetector
{
    [GeneratedRegex(@"exec (\w+)[\s'""]+\$0[\s'""]+\$@", RegexOptions.CultureInvariant)]
    private static partial Regex ExecTrick();

    /// <summary>The interpreter name, or null when the first line is no shebang.</summary>
    public static string? Interpreter(string head)
    {
        if (!head.StartsWith("#!", StringComparison.Ordinal))
        {
            return null;
        }
        var end = head.IndexOfAny(['\n', '\r']);
        var line = (end < 0 ? head : head[..end]).AsSpan(2).Trim();
        if (line.IsEmpty)
        {
            return null;
        }
        var parts = line.ToString().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var script = Basename(parts[0]);
        var next = 1;
        if (script == "env")
        {
            script = null;
            for (; next < parts.Length; next++)
            {
                var p = parts[next];
                // Options (-S, -i, -u NAME, --ignore-environment) and NAME=value assignments.
                if (p.StartsWith('-') || p.Contains('=', StringComparison.Ordinal))
                {
                    if (p is "-u" or "-C" or "--unset" or "--chdir")
                    {
                        next++;
                    }
                    continue;
                }
                script = Basename(p);
                break;
            }
        }
        if (string.IsNullOrEmpty(script))
        {
            return null;
        }
        script = TrimVersion(script);
        if (script == "sh")
        {
            var lines = 0;
            foreach (var l in head.AsSpan().EnumerateLines())
            {
                if (++lines > 5)
                {
                    break;
                }
                var m = ExecTrick().Match(l.ToString());
                if (m.Success)
                {
                    return m.Groups[1].Value;
                }
            }
        }
        return script;
    }

    public static Language[]? Detect(string head, LanguageCatalog catalog)
    {
        var interpreter = Interpreter(head);
        return interpreter is not null && catalog.ByInterpreter.TryGetValue(interpreter, out var languages) ? languages : null;
    }

    private static string Basename(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[(slash + 1)..];
    }

    // "python2.7" -> "python2": linguist drops only the last ".digits".
    private static string TrimVersion(string script)
    {
        var dot = script.LastIndexOf('.');
        if (dot > 0 && dot < script.Length - 1)
        {
            for (var i = dot + 1; i < script.Length; i++)
            {
                if (!char.IsAsciiDigit(script[i]))
                {
                    return script;
                }
            }
            return script[..dot];
        }
        return script;
    }
}
