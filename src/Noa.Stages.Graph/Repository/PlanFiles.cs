using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Noa.Stages.Graph.Repository;

/// <summary>
/// Commands from the test-runner and pipeline files the other readers do not cover: tox.ini's <c>commands</c> (each
/// <c>[testenv]</c> section, <c>{posargs}</c> defaults and tox's directory substitutions resolved), noxfile.py's
/// <c>session.run(...)</c> and <c>session.install(...)</c> calls (read statically: string literals only, never executed), and
/// azure-pipelines.yml's <c>script</c>/<c>bash</c> steps (at the root, under jobs and under stages' jobs). Each line at its file
/// and line, named by its tox environment, nox session or Azure job.
/// </summary>
internal static partial class PlanFiles
{
    public static IEnumerable<CommandLine> Tox(string path, string dir, string text)
    {
        string? section = null;
        var inCommands = false;
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i];
            var trimmed = raw.Trim();
            if (trimmed.StartsWith('[') && trimmed.EndsWith(']'))
            {
                section = trimmed[1..^1].Trim();
                inCommands = false;
                continue;
            }
            if (section is null || !(section == "testenv" || section.StartsWith("testenv:", StringComparison.Ordinal)) || trimmed.StartsWith('#') || trimmed.StartsWith(';'))
                continue;
            string value;
            var eq = raw.IndexOf('=', StringComparison.Ordinal);
            if (raw.Length > 0 && !char.IsWhiteSpace(raw[0]) && eq > 0)
            {
                inCommands = raw[..eq].Trim() is "commands" or "commands_pre";
                value = raw[(eq + 1)..];
            }
            else if (inCommands && raw.Length > 0 && char.IsWhiteSpace(raw[0]))
                value = raw;
            else
            {
                if (trimmed.Length > 0)
                    inCommands = false;
                continue;
            }
            if (!inCommands || ToxCommand(value) is not { Length: > 0 } command)
                continue;
            foreach (var part in ReadmeCommands.Parts(command))
                yield return new CommandLine(path, i + 1, dir, part, "tox", section == "testenv" ? "testenv" : section["testenv:".Length..]);
        }
    }

    // "- pytest {posargs:tests}" → "pytest tests"; tox's directory substitutions are the tox.ini's folder; a factor prefix ("py311: ") goes.
    private static string ToxCommand(string value)
    {
        var text = value.Trim().TrimEnd('\\').Trim();
        text = ToxFactor().Replace(text, "");
        if (text.StartsWith("- ", StringComparison.Ordinal) || text.StartsWith("!", StringComparison.Ordinal))
            text = text[1..].Trim();
        text = PosArgs().Replace(text, m => m.Groups[1].Value);
        text = text.Replace("{toxinidir}", ".", StringComparison.Ordinal).Replace("{tox_root}", ".", StringComparison.Ordinal)
            .Replace("{envpython}", "python", StringComparison.Ordinal).Replace("{env_python}", "python", StringComparison.Ordinal);
        return Regex.Replace(text, @"\s+", " ").Trim();
    }

    public static IEnumerable<CommandLine> Nox(string path, string dir, string text)
    {
        foreach (Match call in NoxCall().Matches(text))
        {
            var words = new List<string>();
            foreach (var arg in SplitArgs(call.Groups[2].Value))
            {
                if (StringLiteral().Match(arg) is not { Success: true } literal)
                    break; // *session.posargs, a variable, a keyword argument: what follows is not static
                words.Add(literal.Groups[2].Value);
            }
            if (words.Count == 0)
                continue;
            var command = call.Groups[1].Value == "install" ? "pip install " + string.Join(' ', words) : string.Join(' ', words.Select(Quote));
            var session = NoxSession().Matches(text[..call.Index]).LastOrDefault()?.Groups[1].Value;
            yield return new CommandLine(path, CommandLines.LineOf(text, call.Index), dir, command, "nox", session);
        }
    }

    private static string Quote(string word) => word.Length > 0 && word.All(c => char.IsLetterOrDigit(c) || "-_./=:,+@%".Contains(c, StringComparison.Ordinal)) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    // Top-level commas of a call's arguments (commas inside brackets or strings do not split).
    private static List<string> SplitArgs(string args)
    {
        var parts = new List<string>();
        var depth = 0;
        char quote = '\0';
        var start = 0;
        for (var i = 0; i < args.Length; i++)
        {
            var c = args[i];
            if (quote != '\0')
            {
                if (c == '\\')
                    i++;
                else if (c == quote)
                    quote = '\0';
                continue;
            }
            if (c is '"' or '\'')
                quote = c;
            else if (c is '(' or '[' or '{')
                depth++;
            else if (c is ')' or ']' or '}')
                depth--;
            else if (c == ',' && depth == 0)
            {
                parts.Add(args[start..i].Trim());
                start = i + 1;
            }
        }
        if (args[start..].Trim() is { Length: > 0 } last)
            parts.Add(last);
        return parts;
    }

    public static IEnumerable<CommandLine> Azure(string path, string text)
    {
        if (CommandLines.Yaml(path, text) is not JsonObject root)
            yield break;
        var jobs = new List<(string Name, JsonArray Steps)>();
        if (root["steps"] is JsonArray rootSteps)
            jobs.Add(("steps", rootSteps));
        var jobNodes = (root["jobs"] as JsonArray ?? []).Concat((root["stages"] as JsonArray ?? []).SelectMany(s => s?["jobs"] as JsonArray ?? []));
        foreach (var job in jobNodes)
            if (job?["steps"] is JsonArray steps)
                jobs.Add((job["job"]?.ToString() ?? job["deployment"]?.ToString() ?? "job", steps));
        var from = 0;
        foreach (var (name, steps) in jobs)
            foreach (var step in steps)
            {
                if ((step?["script"] ?? step?["bash"])?.ToString() is not { Length: > 0 } script)
                    continue;
                var cwd = step!["workingDirectory"]?.ToString() is { } wd && !wd.Contains("$(", StringComparison.Ordinal) ? RepoFiles.Join("", wd) ?? "" : "";
                foreach (var raw in script.ReplaceLineEndings("\n").Split('\n'))
                {
                    var line = raw.Trim();
                    if (line.Length == 0 || line.StartsWith('#'))
                        continue;
                    var at = text.IndexOf(line, from, StringComparison.Ordinal);
                    if (at >= 0)
                        from = at;
                    foreach (var part in ReadmeCommands.Parts(line))
                    {
                        if (part.StartsWith("cd ", StringComparison.Ordinal))
                        {
                            cwd = RepoFiles.Join(cwd, part[3..].Trim()) ?? cwd;
                            continue;
                        }
                        yield return new CommandLine(path, CommandLines.LineOf(text, Math.Max(0, at)), cwd, part, "ci", name);
                    }
                }
            }
    }

    [GeneratedRegex(@"\{posargs(?::([^}]*))?\}")]
    private static partial Regex PosArgs();

    [GeneratedRegex(@"^[\w.,-]+:\s+(?=\S)")]
    private static partial Regex ToxFactor();

    [GeneratedRegex(@"session\.(run|install)\(((?:[^()]|\([^()]*\))*)\)", RegexOptions.Singleline)]
    private static partial Regex NoxCall();

    [GeneratedRegex(@"(?m)^\s*def\s+(\w+)\s*\(\s*session\b")]
    private static partial Regex NoxSession();

    [GeneratedRegex(@"^[rbuRBU]?(['""])(.*)\1$", RegexOptions.Singleline)]
    private static partial Regex StringLiteral();
}
