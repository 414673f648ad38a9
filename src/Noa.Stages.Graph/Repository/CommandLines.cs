using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Noa.Yaml;

namespace Noa.Stages.Graph.Repository;

/// <summary>
/// Every command line a repository documents or runs, with where it is written: README code blocks
/// (<see cref="ReadmeCommands"/>), Makefile and justfile recipes (one line per target: <c>make test</c>, and the
/// recipe's own lines), package.json scripts, Procfile processes, Dockerfile <c>CMD</c>/<c>ENTRYPOINT</c>, compose
/// <c>command:</c>, CI workflow steps (GitHub Actions <c>run:</c>, GitLab <c>script:</c>), <c>FLASK_APP</c> in
/// <c>.flaskenv</c>, uWSGI's <c>module</c>/<c>wsgi-file</c>. A file that does not parse adds nothing and is reported.
/// </summary>
internal static partial class CommandLines
{
    public static (List<CommandLine> Lines, List<string> Problems) Read(RepoFiles repo)
    {
        var lines = new List<CommandLine>();
        var problems = new List<string>();
        foreach (var (path, text) in repo.Texts)
        {
            var name = Path.GetFileName(path).ToLowerInvariant();
            var dir = RepoFiles.Dir(path);
            try
            {
                if (name.StartsWith("readme", StringComparison.Ordinal))
                {
                    lines.AddRange(ReadmeCommands.Read(path, text));
                }
                else if (name is "makefile" or "gnumakefile")
                {
                    lines.AddRange(Make(path, dir, text, "makefile", "make"));
                }
                else if (name == "justfile")
                {
                    lines.AddRange(Make(path, dir, text, "justfile", "just"));
                }
                else if (name == "package.json")
                {
                    lines.AddRange(NpmScripts(path, dir, text));
                }
                else if (name == "procfile")
                {
                    foreach (var (line, raw) in Numbered(text))
                    {
                        if (ProcfileLine().Match(raw) is { Success: true } m)
                        {
                            lines.AddRange(ReadmeCommands.Parts(m.Groups[2].Value).Select(part => new CommandLine(path, line, dir, part, "procfile", m.Groups[1].Value)));
                        }
                    }
                }
                else if (name == "dockerfile" || name.StartsWith("dockerfile.", StringComparison.Ordinal) || name.EndsWith(".dockerfile", StringComparison.Ordinal))
                {
                    lines.AddRange(Dockerfile(path, dir, text));
                }
                else if ((name.StartsWith("docker-compose", StringComparison.Ordinal) || name.StartsWith("compose", StringComparison.Ordinal)) && IsYaml(name))
                {
                    lines.AddRange(Compose(path, dir, text));
                }
                else if (path.Contains(".github/workflows/", StringComparison.Ordinal) && IsYaml(name))
                {
                    lines.AddRange(GitHubActions(path, text));
                }
                else if (name == ".gitlab-ci.yml")
                {
                    lines.AddRange(GitLab(path, text));
                }
                else if (name == "tox.ini")
                {
                    lines.AddRange(PlanFiles.Tox(path, dir, text));
                }
                else if (name == "noxfile.py")
                {
                    lines.AddRange(PlanFiles.Nox(path, dir, text));
                }
                else if (name is "azure-pipelines.yml" or "azure-pipelines.yaml")
                {
                    lines.AddRange(PlanFiles.Azure(path, text));
                }
                else if (name is ".flaskenv" && FlaskApp().Match(text) is { Success: true } flask)
                {
                    lines.Add(new CommandLine(path, LineOf(text, flask.Index), dir, "FLASK_APP=" + flask.Groups[1].Value.Trim().Trim('"', '\''), "flaskenv"));
                }
                else if (name.StartsWith("uwsgi", StringComparison.Ordinal) && name.EndsWith(".ini", StringComparison.Ordinal))
                {
                    lines.AddRange(Numbered(text).Select(l => UwsgiApp().Match(l.Text) is { Success: true } m
                        ? new CommandLine(path, l.Line, "", $"uwsgi --{m.Groups[1].Value} {m.Groups[2].Value.Trim()}", "uwsgi") : null).OfType<CommandLine>());
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
            {
                problems.Add($"{path}: {e.Message.Split('\n')[0]}");
            }
        }
        return (lines, problems);
    }

    private static bool IsYaml(string name) => name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal);

    private static IEnumerable<(int Line, string Text)> Numbered(string text) =>
        text.ReplaceLineEndings("\n").Split('\n').Select((t, i) => (i + 1, t));

    internal static int LineOf(string text, int index) => text.AsSpan(0, Math.Min(index, text.Length)).Count('\n') + 1;

    // One `make target` per target (the line of the target), and the recipe's command lines under the target's name.
    private static IEnumerable<CommandLine> Make(string path, string dir, string text, string source, string tool)
    {
        string? target = null;
        foreach (var (line, raw) in Numbered(text))
        {
            if (raw.Length == 0)
            {
                continue;
            }
            if (raw[0] is '\t' || (source == "justfile" && raw.StartsWith("    ", StringComparison.Ordinal)))
            {
                var command = raw.Trim().TrimStart('@', '-', '+').Trim();
                if (target is not null && command.Length > 0 && !command.StartsWith('#'))
                {
                    foreach (var part in ReadmeCommands.Parts(command))
                    {
                        yield return new CommandLine(path, line, dir, part, source, target);
                    }
                }
                continue;
            }
            var m = (source == "makefile" ? MakeTarget() : JustRecipe()).Match(raw);
            target = m.Success ? m.Groups[1].Value : null;
            if (target is not null && !target.StartsWith('.') && !target.Contains('%', StringComparison.Ordinal) && !target.Contains('$', StringComparison.Ordinal))
            {
                yield return new CommandLine(path, line, dir, $"{tool} {target}", source, target);
            }
            else
            {
                target = null;
            }
        }
    }

    private static IEnumerable<CommandLine> NpmScripts(string path, string dir, string text)
    {
        using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("scripts", out var scripts) || scripts.ValueKind != JsonValueKind.Object)
        {
            return [];
        }
        var at = text.IndexOf("\"scripts\"", StringComparison.Ordinal);
        var list = new List<CommandLine>();
        foreach (var s in scripts.EnumerateObject().Where(s => s.Value.ValueKind == JsonValueKind.String))
        {
            var key = text.IndexOf(JsonSerializer.Serialize(s.Name), Math.Max(0, at), StringComparison.Ordinal);
            list.Add(new CommandLine(path, LineOf(text, key < 0 ? at : key), dir, s.Value.GetString()!, "package.json", s.Name));
        }
        return list;
    }

    private static IEnumerable<CommandLine> Dockerfile(string path, string dir, string text)
    {
        var joined = new List<(int Line, string Text)>();
        foreach (var (line, raw) in Numbered(text))
        {
            if (joined.Count > 0 && joined[^1].Text.EndsWith('\\'))
            {
                joined[^1] = (joined[^1].Line, joined[^1].Text[..^1] + " " + raw.Trim());
            }
            else
            {
                joined.Add((line, raw.Trim()));
            }
        }
        foreach (var (line, instruction) in joined)
        {
            var m = DockerCommand().Match(instruction);
            if (!m.Success)
            {
                continue;
            }
            var args = m.Groups[2].Value.Trim();
            if (args.StartsWith('['))
            {
                try
                {
                    args = string.Join(' ', JsonSerializer.Deserialize<string[]>(args) ?? []);
                }
                catch (JsonException)
                {
                    continue;
                }
            }
            foreach (var part in ReadmeCommands.Parts(args))
            {
                yield return new CommandLine(path, line, dir, part, "dockerfile", m.Groups[1].Value.ToUpperInvariant());
            }
        }
    }

    // Compose files, CI workflows and Spring YAML are small: a file past these limits is refused, not parsed.
    private static readonly YamlLimits Limits = YamlLimits.Default with
    {
        MaxChars = 1 << 20, MaxNodes = 200_000, MaxDepth = 64, MaxDuration = TimeSpan.FromSeconds(5),
    };

    /// <summary>A YAML document under the repository files' limits; malformed or over a limit is a
    /// <see cref="FormatException"/> naming the file.</summary>
    internal static JsonNode? Yaml(string path, string text)
    {
        try
        {
            return YamlToJson.Load(text, Limits, path);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    private static IEnumerable<CommandLine> Compose(string path, string dir, string text)
    {
        if (Yaml(path, text) is not JsonObject root || root["services"] is not JsonObject services)
        {
            yield break;
        }
        foreach (var (service, node) in services)
        {
            foreach (var key in new[] { "command", "entrypoint" })
            {
                var command = node?[key] switch
                {
                    JsonValue v when v.TryGetValue<string>(out var s) => s,
                    JsonArray a => string.Join(' ', a.Select(x => x?.ToString())),
                    _ => null,
                };
                if (command is { Length: > 0 })
                {
                    var first = command.Split('\n')[0];
                    yield return new CommandLine(path, LineOf(text, Math.Max(0, text.IndexOf(first, StringComparison.Ordinal))), dir, command.ReplaceLineEndings(" ").Trim(), "compose", service);
                }
            }
        }
    }

    private static IEnumerable<CommandLine> GitHubActions(string path, string text)
    {
        if (Yaml(path, text) is not JsonObject root || root["jobs"] is not JsonObject jobs)
        {
            yield break;
        }
        var defaultDir = root["defaults"]?["run"]?["working-directory"]?.ToString();
        var from = 0;
        foreach (var (job, node) in jobs)
        {
            var jobDir = node?["defaults"]?["run"]?["working-directory"]?.ToString() ?? defaultDir;
            if (node?["steps"] is not JsonArray steps)
            {
                continue;
            }
            foreach (var step in steps)
            {
                if (step?["run"]?.ToString() is not { Length: > 0 } run)
                {
                    continue;
                }
                var cwd = RepoFiles.Join("", (step["working-directory"]?.ToString() ?? jobDir ?? "").Replace("${{ github.workspace }}", "", StringComparison.Ordinal)) ?? "";
                foreach (var raw in run.ReplaceLineEndings("\n").Split('\n'))
                {
                    var line = raw.Trim();
                    if (line.Length == 0 || line.StartsWith('#'))
                    {
                        continue;
                    }
                    var at = text.IndexOf(line, from, StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        from = at;
                    }
                    foreach (var part in ReadmeCommands.Parts(line))
                    {
                        if (part.StartsWith("cd ", StringComparison.Ordinal))
                        {
                            cwd = RepoFiles.Join(cwd, part[3..].Trim()) ?? cwd;
                            continue;
                        }
                        yield return new CommandLine(path, LineOf(text, Math.Max(0, at)), cwd, part, "ci", job);
                    }
                }
            }
        }
    }

    private static IEnumerable<CommandLine> GitLab(string path, string text)
    {
        if (Yaml(path, text) is not JsonObject root)
        {
            yield break;
        }
        foreach (var (job, node) in root)
        {
            if (node?["script"] is not JsonArray script)
            {
                continue;
            }
            foreach (var line in script.Select(s => s?.ToString()).OfType<string>())
            {
                var at = text.IndexOf(line, StringComparison.Ordinal);
                foreach (var part in ReadmeCommands.Parts(line))
                {
                    yield return new CommandLine(path, LineOf(text, Math.Max(0, at)), "", part, "ci", job);
                }
            }
        }
    }

    [GeneratedRegex(@"^([A-Za-z0-9_.\-/]+)\s*:(?![:=])")]
    private static partial Regex MakeTarget();

    [GeneratedRegex(@"^@?([A-Za-z0-9_\-]+)(?:\s+[^:=]*)?:(?!=)")]
    private static partial Regex JustRecipe();

    [GeneratedRegex(@"^([A-Za-z0-9_\-]+)\s*:\s*(.+)$")]
    private static partial Regex ProcfileLine();

    [GeneratedRegex(@"^(CMD|ENTRYPOINT)\s+(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex DockerCommand();

    [GeneratedRegex(@"^\s*FLASK_APP\s*=\s*(\S+)", RegexOptions.Multiline)]
    private static partial Regex FlaskApp();

    [GeneratedRegex(@"^\s*(module|wsgi-file|wsgi)\s*=\s*(\S+)")]
    private static partial Regex UwsgiApp();
}
