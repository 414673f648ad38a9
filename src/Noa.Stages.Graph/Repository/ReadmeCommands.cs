using System.Text.RegularExpressions;

namespace Noa.Stages.Graph.Repository;

/// <summary>
/// The shell commands a README documents: lines of fenced code blocks whose language is a shell (or unnamed, when the
/// line starts with a known tool), reStructuredText <c>code-block</c> and <c>::</c> literal blocks, and inline code
/// spans that start with a known tool. Prompts (<c>$ </c>, <c>➜ </c>, <c>PS&gt; </c>, <c>user@host:~$ </c>) are removed;
/// in a block with prompts, lines without one are output and skipped; <c>\</c> continuations are joined; a
/// <c>cd x &amp;&amp; y</c> (or a <c>cd</c> line) moves the folder the rest of the block runs in.
/// </summary>
internal static partial class ReadmeCommands
{
    private static readonly HashSet<string> ShellLanguages = new(StringComparer.OrdinalIgnoreCase)
    {
        "sh", "bash", "shell", "console", "zsh", "shell-session", "bash-session", "shellsession", "terminal", "cmd", "bat",
        "powershell", "ps1", "pwsh", "fish", "command", "commands", "cli",
    };

    /// <summary>First words that make a line (or an inline code span) a command without a shell language.</summary>
    internal static readonly HashSet<string> Tools = new(StringComparer.Ordinal)
    {
        "npm", "npx", "yarn", "pnpm", "bun", "bunx", "node", "deno", "go", "cargo", "rustup", "dotnet", "python", "python3", "py", "pip", "pip3",
        "pipx", "poetry", "uv", "uvx", "pipenv", "pdm", "hatch", "tox", "nox", "pytest", "make", "just", "docker", "docker-compose", "podman",
        "mvn", "./mvnw", "mvnw", "gradle", "./gradlew", "gradlew", "java", "kotlin", "uvicorn", "gunicorn", "hypercorn", "daphne", "flask",
        "fastapi", "django-admin", "./manage.py", "bundle", "rails", "rake", "composer", "php", "mix", "deno", "ng", "nx", "turbo", "next",
        "vite", "kubectl", "helm", "task", "sbt", "swift", "zig", "cmake", "meson", "ninja", "bazel", "alembic", "prisma", "nest", "jest",
        "vitest", "mocha", "playwright", "cypress", "aspire", "azd", "./build.sh", "./build.ps1", "sqlx", "diesel", "wasm-pack", "export",
    };

    public static IEnumerable<CommandLine> Read(string path, string text)
    {
        var dir = RepoFiles.Dir(path);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var rst = path.EndsWith(".rst", StringComparison.OrdinalIgnoreCase);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var fence = Fence().Match(line);
            if (fence.Success)
            {
                var marker = fence.Groups[1].Value;
                var language = fence.Groups[2].Value.Trim().Split([' ', ',', '{'], 2)[0];
                var start = i + 1;
                var end = start;
                while (end < lines.Length && !lines[end].TrimStart().StartsWith(marker, StringComparison.Ordinal))
                {
                    end++;
                }
                if (language.Length == 0 || ShellLanguages.Contains(language))
                {
                    foreach (var c in Block(path, dir, lines, start, end, language.Length > 0, language is "console" or "shell-session" or "bash-session"))
                    {
                        yield return c;
                    }
                }
                i = end;
                continue;
            }
            if (rst && RstBlock().Match(line) is { Success: true } directive)
            {
                var language = directive.Groups[1].Value.Trim();
                var (start, end) = Indented(lines, i + 1);
                if (language.Length == 0 || ShellLanguages.Contains(language))
                {
                    foreach (var c in Block(path, dir, lines, start, end, language.Length > 0, language == "console"))
                    {
                        yield return c;
                    }
                }
                i = Math.Max(i, end - 1);
                continue;
            }
            foreach (Match span in InlineCode().Matches(line))
            {
                var code = span.Groups[1].Value.Trim();
                if (IsToolLine(code))
                {
                    yield return new CommandLine(path, i + 1, dir, code, "readme");
                }
            }
        }
    }

    private static IEnumerable<CommandLine> Block(string path, string dir, string[] lines, int start, int end, bool shell, bool console)
    {
        var prompted = false;
        for (var k = start; k < end; k++)
        {
            prompted |= Prompt().IsMatch(lines[k]);
        }
        var cwd = dir;
        for (var k = start; k < end; k++)
        {
            var raw = lines[k];
            var number = k + 1;
            var hasPrompt = Prompt().Match(raw) is { Success: true } p;
            if (prompted && !hasPrompt)
            {
                continue; // output of the command above
            }
            var text = hasPrompt ? raw[Prompt().Match(raw).Length..] : raw;
            while (text.TrimEnd().EndsWith('\\') && k + 1 < end)
            {
                text = text.TrimEnd()[..^1].TrimEnd() + " " + lines[++k].Trim();
            }
            text = text.Trim();
            if (text.Length == 0 || (text.StartsWith('#') && !console) || text.StartsWith("//", StringComparison.Ordinal) || text.StartsWith("REM ", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (!shell && !hasPrompt && !IsToolLine(text))
            {
                continue;
            }
            foreach (var part in Parts(text))
            {
                if (part.StartsWith("cd ", StringComparison.Ordinal) || part == "cd")
                {
                    var target = part.Length > 3 ? part[3..].Trim().Trim('"', '\'').Replace('\\', '/') : "";
                    // `cd repo-name` right after `git clone`: the README's own folder.
                    cwd = target.Length == 0 || target.Contains('$', StringComparison.Ordinal) || target.StartsWith('/') || target.StartsWith('~')
                        ? dir : RepoFiles.Join(cwd, target) ?? dir;
                    continue;
                }
                yield return new CommandLine(path, number, cwd, part, "readme");
            }
        }
    }

    // `a && b`, `a; b`: one command each (quotes respected roughly: separators inside quotes are kept).
    internal static IEnumerable<string> Parts(string text)
    {
        var start = 0;
        char quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
                continue;
            }
            if (c is '"' or '\'')
            {
                quote = c;
                continue;
            }
            var separator = c == ';' ? 1 : c == '&' && i + 1 < text.Length && text[i + 1] == '&' ? 2 : 0;
            if (separator > 0)
            {
                if (text[start..i].Trim() is { Length: > 0 } part)
                {
                    yield return part;
                }
                start = i + separator;
                i += separator - 1;
            }
        }
        if (text[start..].Trim() is { Length: > 0 } last)
        {
            yield return last;
        }
    }

    internal static bool IsToolLine(string text)
    {
        var first = text.Split(' ', 2)[0];
        return Tools.Contains(first) || (first.Contains('=', StringComparison.Ordinal) && text.Split(' ').Skip(1).FirstOrDefault(w => !w.Contains('=', StringComparison.Ordinal)) is { } tool && Tools.Contains(tool));
    }

    private static (int Start, int End) Indented(string[] lines, int from)
    {
        var start = from;
        while (start < lines.Length && lines[start].Trim().Length == 0)
        {
            start++;
        }
        var end = start;
        while (end < lines.Length && (lines[end].Trim().Length == 0 || lines[end].StartsWith(' ') || lines[end].StartsWith('\t')))
        {
            end++;
        }
        return (start, end);
    }

    [GeneratedRegex(@"^\s*(```+|~~~+)\s*([^`]*)$")]
    private static partial Regex Fence();

    // `.. code-block:: bash`, `.. code:: console`, `.. sourcecode:: sh`, or a paragraph ending in `::`.
    [GeneratedRegex(@"^\s*(?:\.\.\s+(?:code-block|code|sourcecode|prompt)::\s*(\S*)|(?!\.\.)\S.*::\s*$)")]
    private static partial Regex RstBlock();

    [GeneratedRegex(@"^\s*(?:\([^)]*\)\s*)?(?:[\w.\-]+@[\w.\-]+:[^$#\n]*[$#]|PS [^>\n]*>|PS>|[A-Za-z]:\\[^>\n]*>|[$%>➜❯λ»])\s+")]
    private static partial Regex Prompt();

    [GeneratedRegex(@"(?<!`)`([^`\n]{3,200})`(?!`)")]
    private static partial Regex InlineCode();
}
