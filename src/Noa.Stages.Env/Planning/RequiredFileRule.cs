using System.Text.Json;
using System.Text.RegularExpressions;
using Noa.Abstractions.Env;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>
/// A Node or Python server whose own code refuses to start without a file argument, which the start does not pass:
/// <list type="bullet">
/// <item>Node: the start file's usage names a required positional (<c>&lt;source&gt;</c>) that yargs (<c>.require(1</c>,
/// <c>.demand(1</c>, <c>.demandCommand(1</c>) or commander (<c>.argument('&lt;source&gt;'</c>) enforces (json-server's
/// <c>lib/cli/index.js</c>); its file is the one the README runs the program with (<c>json-server --watch db.json</c>);</item>
/// <item>Python: an argparse option with <c>required=True</c> that names a file (nrpe-ng's <c>-c/--config</c>,
/// <c>nrpe_ng/server/server.py:57</c>); its file is the one the README runs the program with, else the config file named after the
/// program that the source ships (<c>config/nrpe-ng.cfg</c>).</item>
/// </list>
/// The source's file, or its <c>.example</c>/<c>.sample</c>/<c>.dist</c> copy, is passed. A file the source does not hold is written
/// only from the content the docs give it (a fenced block right after the line that names it: json-server's README, "Create a
/// <c>db.json</c> file with some data"); with neither, the start decision says which file it needs. A config file passed whose
/// settings name absolute paths the image does not hold (a TLS key, an include) gets them listed in the decision: it may still not
/// start. Nothing is guessed.
/// </summary>
internal static partial class RequiredFileRule
{
    private static readonly string[] Suffixes = ConfigFlagRule.Suffixes;
    private static readonly string[] ConfigExtensions = [".cfg", ".conf", ".ini", ".toml", ".yml", ".yaml", ".json"];

    /// <summary>A file the docs give the content of, written beside the app (its working folder) by the image.</summary>
    public sealed record Written(string Name, string Content, string Evidence);

    /// <summary>The start with the file passed and the file to write (null when the source holds it), or null when no code the start runs
    /// (<paramref name="code"/>: the start file first) requires one.</summary>
    public static async Task<(Decision Start, Written? File)?> DecideAsync(Toolchain toolchain, string root, IReadOnlyList<string> code,
        IReadOnlyCollection<string> programs, Decision start, SourceText files, CancellationToken ct)
    {
        if (start.Value is not { } command || programs.Count == 0)
            return null;
        Need? need = null;
        var declared = "";
        foreach (var path in code)
        {
            if (await files.ReadAsync(path, ct).ConfigureAwait(false) is not { } text
                || (toolchain == Toolchain.Node ? NodePositional(text) : toolchain == Toolchain.Python ? PythonOption(text) : null) is not { } found)
                continue;
            (need, declared) = (found, $"{path}:{SourceText.LineOf(text, found.Index)}");
            break;
        }
        if (need is null || need.Flag is { } f && Regex.IsMatch(command, $@"\s(?:--{Regex.Escape(f)}|-{Regex.Escape(need.Short ?? f)})\b"))
            return null;
        var what = need.Flag is { } flag ? $"--{flag}" : $"<{need.Name}>";
        var (value, shown, readme, doc) = await DocumentedAsync(root, programs, need.Flag is null, files, ct).ConfigureAwait(false);
        var file = value is null ? null : Suffixes.Select(s => SourceText.Join(root, value + s)).FirstOrDefault(files.Exists);
        if (value is null && need.Flag is not null)
            file = NamedConfig(root, programs, files);
        Written? written = null;
        string why;
        if (file is not null)
            why = $"the source's {file}" + (shown is null ? ", a config file named after the program," : $", the file the docs run it with ({shown}),");
        else if (value is not null && readme is not null && DocumentedContent(doc!, value) is { } content)
        {
            written = new Written(Path.GetFileName(value), content.Text, $"{readme}:{content.Line}");
            why = $"{value}, which the docs run it with ({shown}) and give the content of ({written.Evidence}), written into the image and";
        }
        else
            return (start with
            {
                Rule = $"{start.Rule}; start.needs-file: its code requires {what} ({declared}), a file the start does not pass and the source holds " +
                       (value is null ? "none named for it" : $"no {value} nor its example, nor do the docs show its content"),
                Confidence = Math.Min(start.Confidence, 0.3),
                Evidence = [.. start.Evidence, declared, .. shown is null ? Array.Empty<string>() : [shown]],
            }, null);
        var passed = written?.Name ?? CommandRules.Relative(file!, root);
        var missing = file is null ? [] : await MissingPathsAsync(file, files, ct).ConfigureAwait(false);
        var rule = $"{start.Rule}; start.required-file: its code requires {what} ({declared}): {why} passed";
        if (missing.Count > 0)
            rule += $"; it names absolute paths the image does not hold ({string.Join(", ", missing)}): it may not start without them";
        return (new Decision(need.Flag is { } named ? $"{command} --{named} {passed}" : $"{command} {passed}", rule,
            Math.Min(start.Confidence, missing.Count > 0 ? 0.4 : 0.7),
            [.. start.Evidence, declared, .. new[] { shown, file, written?.Evidence }.OfType<string>()]), written);
    }

    /// <summary>The code a start runs: its file (<c>node FILE</c>, <c>python3 FILE</c>, <c>python3 -m MODULE</c>) first, then the other
    /// script files of that folder (a bin that requires its CLI module beside it; a package's <c>__main__</c> and its server module).</summary>
    public static IReadOnlyList<string> StartCode(Toolchain toolchain, string root, string? command, SourceText files)
    {
        string? file = null;
        if (toolchain == Toolchain.Node && PortRules.NodeStartFileOf(command) is { } js)
            file = SourceText.Join(root, js.StartsWith("./", StringComparison.Ordinal) ? js[2..] : js);
        else if (toolchain == Toolchain.Python && command is not null && PythonStart().Match(command) is { Success: true } py)
            file = py.Groups["f"].Success ? SourceText.Join(root, py.Groups["f"].Value)
                : new[] { ".py", "/__main__.py" }.Select(e => SourceText.Join(root, py.Groups["m"].Value.Replace('.', '/') + e)).FirstOrDefault(files.Exists);
        if (file is null || !files.Exists(file))
            return [];
        var folder = Path.GetDirectoryName(file)?.Replace('\\', '/') ?? "";
        var extension = Path.GetExtension(file);
        return [file, .. files.Paths.Where(p => p != file && (Path.GetDirectoryName(p)?.Replace('\\', '/') ?? "") == folder
            && p.EndsWith(extension, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }

    private sealed record Need(string Name, string? Flag, string? Short, int Index);

    // yargs: .usage('$0 [options] <source>') with .require(1, …)/.demand(1)/.demandCommand(1); commander: .argument('<source>').
    private static Need? NodePositional(string code)
    {
        if (Commander().Match(code) is { Success: true } c)
            return new Need(c.Groups["n"].Value, null, null, c.Index);
        return Usage().Match(code) is { Success: true } u && Demand().IsMatch(code) ? new Need(u.Groups["n"].Value, null, null, u.Index) : null;
    }

    // argparse: add_argument('-c', '--config', …, required=True, …) whose name or help says it is a file.
    private static Need? PythonOption(string code)
    {
        foreach (Match m in ArgparseRequired().Matches(code))
            if (m.Groups["long"].Value.Contains("config", StringComparison.Ordinal) || m.Groups["long"].Value.Contains("file", StringComparison.Ordinal)
                || Regex.IsMatch(m.Value, @"\bfile\b", RegexOptions.IgnoreCase))
                return new Need(m.Groups["long"].Value, m.Groups["long"].Value, m.Groups["short"].Success ? m.Groups["short"].Value : null, m.Index);
        return null;
    }

    /// <summary>The file of the first README (or docs/) invocation of one of the programs that passes a file-like argument: as the option's
    /// value, or (positional) the first file-like word; with where it is shown and the document.</summary>
    private static async Task<(string? Value, string? Shown, string? Path, string? Text)> DocumentedAsync(string root, IReadOnlyCollection<string> programs,
        bool positional, SourceText files, CancellationToken ct)
    {
        foreach (var doc in ConfigFlagRule.Docs(root, files))
        {
            if (await files.ReadAsync(doc, ct).ConfigureAwait(false) is not { } text)
                continue;
            foreach (var program in programs)
            {
                foreach (Match call in Regex.Matches(text, $@"(?m)^[ \t]*(?:\$[ \t]+)?{Regex.Escape(program)}(?<args>(?:[ \t]+[^\s|&;]+)+)[ \t]*$"))
                {
                    var words = call.Groups["args"].Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                    for (var i = 0; i < words.Length; i++)
                    {
                        var previousIsOption = i > 0 && words[i - 1].StartsWith('-') && !words[i - 1].Contains('=');
                        if (!FileLike().IsMatch(words[i]) || positional && previousIsOption && !BooleanLooking(words[i - 1]) || !positional && !previousIsOption)
                            continue;
                        return (words[i], $"{doc}:{SourceText.LineOf(text, call.Index)}", doc, text);
                    }
                }
            }
        }
        return (null, null, null, null);
    }

    // An option that takes no value when the word after it is a file: --watch db.json. Options named for a file or folder take one.
    private static bool BooleanLooking(string option) => !Regex.IsMatch(option, "(?i)file|path|dir|config|routes|static|middleware|snapshot|^-\\w$");

    /// <summary>The fenced block right after the line that names the file ("Create a `db.json` file with some data"), when it is well
    /// formed for its extension (a .json file parses), with its line.</summary>
    private static (string Text, int Line)? DocumentedContent(string doc, string value)
    {
        var name = Path.GetFileName(value);
        foreach (Match block in Regex.Matches(doc, $@"(?m)^[^\n`]*`{Regex.Escape(name)}`[^\n]*\n(?:[ \t]*\n)*```[\w-]*\n(?<body>(?:(?!```)[^\n]*\n)*?)```"))
        {
            var body = block.Groups["body"].Value;
            if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    using var _ = JsonDocument.Parse(body);
                }
                catch (JsonException)
                {
                    continue;
                }
            }
            return (body, SourceText.LineOf(doc, block.Groups["body"].Index));
        }
        return null;
    }

    // A config file named after the program anywhere in the app (config/nrpe-ng.cfg), shallowest first.
    private static string? NamedConfig(string root, IReadOnlyCollection<string> programs, SourceText files)
    {
        var prefix = root == "." ? "" : root + "/";
        return files.Paths.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)
                && programs.Any(program => ConfigExtensions.SelectMany(e => Suffixes.Select(s => program + e + s)).Contains(Path.GetFileName(p), StringComparer.Ordinal)))
            .OrderBy(p => p.Count(c => c == '/')).ThenBy(p => p, StringComparer.Ordinal).FirstOrDefault();
    }

    // The settings of a config file (key=/abs/path, key: /abs/path) whose absolute path is outside the image's /app and /tmp.
    private static async Task<IReadOnlyList<string>> MissingPathsAsync(string file, SourceText files, CancellationToken ct) =>
        await files.ReadAsync(file, ct).ConfigureAwait(false) is not { } text ? []
            : [.. AbsoluteSetting().Matches(text).Select(m => m.Groups["p"].Value).Where(p => !p.StartsWith("/app/", StringComparison.Ordinal)
                && !p.StartsWith("/tmp/", StringComparison.Ordinal) && !p.StartsWith("/run/", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal)];

    [GeneratedRegex(@"^python3?\s+(?:-m\s+(?<m>[\w.]+)|(?:\./)?(?<f>[\w./-]+\.py))(\s|$)")]
    private static partial Regex PythonStart();

    [GeneratedRegex(@"\.usage\(\s*['""`][^'""`]*<(?<n>[\w-]+)>")]
    private static partial Regex Usage();

    [GeneratedRegex(@"\.(?:require|demand|demandCommand)\(\s*[1-9]")]
    private static partial Regex Demand();

    [GeneratedRegex(@"\.argument\(\s*['""`]<(?<n>[\w-]+)>['""`]")]
    private static partial Regex Commander();

    [GeneratedRegex(@"add_argument\(\s*(?:['""]-(?<short>\w)['""]\s*,\s*)?['""]--(?<long>[\w-]+)['""][^)]*?\brequired\s*=\s*True[^)]*\)", RegexOptions.Singleline)]
    private static partial Regex ArgparseRequired();

    [GeneratedRegex(@"^(?![a-z]+://)[\w./-]*\w\.[A-Za-z]{2,5}$")]
    private static partial Regex FileLike();

    [GeneratedRegex(@"(?m)^[ \t]*(?!#)[\w.-]+[ \t]*[=:][ \t]*(?<p>/[\w./-]+)[ \t]*$")]
    private static partial Regex AbsoluteSetting();
}
