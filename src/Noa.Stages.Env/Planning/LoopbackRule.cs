using System.Text.RegularExpressions;
using Noa.Abstractions.Env;
using Noa.Abstractions.Profiles;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>
/// A server that listens on loopback unless told otherwise is never answered from outside its container. When its code takes
/// the address from an option whose default is <c>localhost</c> or <c>127.0.0.1</c>, the start passes that option <c>0.0.0.0</c>:
/// <list type="bullet">
/// <item>Node, started as <c>node FILE</c> or <c>npm start</c> (then after <c>--</c>): a commander/yargs/clipanion option
/// <c>--listen</c>, <c>--host</c>, <c>--bind</c>, <c>--address</c> (or a yargs <c>host: { default: … }</c> key) in the start file or the
/// app's product code (verdaccio's <c>--listen</c>, default <c>localhost:4873</c>, gets <c>0.0.0.0:PORT</c> where the option takes
/// host:port; json-server's <c>--host</c>);</item>
/// <item>Python, started as <c>python FILE</c>: argparse's or click's <c>--host</c>, Tornado's <c>define("host", default=…)</c> in that
/// file, passed as <c>--NAME=0.0.0.0</c>; a loopback literal it binds instead (Werkzeug's <c>run_simple("127.0.0.1", 5000, …)</c>,
/// <c>app.run(host="127.0.0.1")</c>) is recorded in the start decision as a blocker, with the line: only a change of the source
/// makes it reachable.</item>
/// </list>
/// An option without a loopback default and a server with no such option are left alone. The server programs' own bind
/// (flask run, uvicorn, gunicorn, runserver) is <see cref="CommandRules.Bind"/>.
/// </summary>
internal static partial class LoopbackRule
{
    public static async Task<Decision> ApplyAsync(Toolchain toolchain, string root, Decision start, string? port, IReadOnlyDictionary<string, string> scopes,
        SourceText files, CancellationToken ct)
    {
        if (start.Value is not { } command)
            return start;
        if (toolchain == Toolchain.Node)
            return await NodeAsync(root, start, command, port, scopes, files, ct).ConfigureAwait(false) ?? start;
        return toolchain == Toolchain.Python ? await PythonAsync(root, start, command, files, ct).ConfigureAwait(false) : start;
    }

    private static async Task<Decision?> NodeAsync(string root, Decision start, string command, string? port, IReadOnlyDictionary<string, string> scopes,
        SourceText files, CancellationToken ct)
    {
        var node = command.StartsWith("node ", StringComparison.Ordinal);
        if (!node && !NodeRules.IsNpmStart(command))
            return null;
        var prefix = root == "." ? "" : root + "/";
        var startFile = PortRules.NodeStartFileOf(command) is { } f ? SourceText.Join(root, f) : null;
        var candidates = scopes.Where(s => s.Value == FileScopes.Product && s.Key.StartsWith(prefix, StringComparison.Ordinal) && ScriptFile().IsMatch(s.Key))
            .Select(s => s.Key).Order(StringComparer.Ordinal).Take(600);
        foreach (var path in (startFile is null ? candidates : candidates.Prepend(startFile)).Distinct(StringComparer.Ordinal))
        {
            if (await files.ReadAsync(path, ct).ConfigureAwait(false) is not { } text)
                continue;
            foreach (var option in new[] { FlagOption().Match(text), KeyOption().Match(text) }.Where(m => m.Success))
            {
                var flag = option.Groups["flag"].Value;
                if (command.Contains("--" + flag, StringComparison.Ordinal))
                    return null;
                var hostPort = option.Groups["hp"].Success || option.Value.Contains("host:port", StringComparison.OrdinalIgnoreCase);
                var value = hostPort ? $"0.0.0.0:{port ?? option.Groups["hp"].Value}" : "0.0.0.0";
                if (hostPort && value.EndsWith(':'))
                    continue; // host:port with no port known: nothing sound to pass
                var shown = option.Groups["host"].Value + (option.Groups["hp"].Success ? ":" + option.Groups["hp"].Value : "");
                // npm passes what follows `--` to the start script's program.
                return Passed(start, $"{command}{(node ? " " : " -- ")}--{flag} {value}", flag, shown, value, path, text, option.Index);
            }
        }
        return null;
    }

    private static async Task<Decision> PythonAsync(string root, Decision start, string command, SourceText files, CancellationToken ct)
    {
        if (PythonStart().Match(command) is not { Success: true } run)
            return start;
        var path = SourceText.Join(root, run.Groups["f"].Value);
        if (await files.ReadAsync(path, ct).ConfigureAwait(false) is not { } text)
            return start;
        if (HostOption().Match(text) is { Success: true } option)
        {
            var name = option.Groups["n"].Value;
            return command.Contains("--" + name, StringComparison.Ordinal)
                ? start
                : Passed(start, $"{command} --{name}=0.0.0.0", name, option.Groups["host"].Value, "0.0.0.0", path, text, option.Index);
        }
        if (LoopbackBind().Match(text) is { Success: true } bind)
            return start with
            {
                Rule = $"{start.Rule}; bind.loopback-blocker: {path}:{SourceText.LineOf(text, bind.Index)} binds {bind.Groups["a"].Value} literally and takes "
                    + "no host option: the server is not reachable through the container's port until the source binds 0.0.0.0",
                Confidence = Math.Min(start.Confidence, 0.3),
                Evidence = [.. start.Evidence, $"{path}:{SourceText.LineOf(text, bind.Index)}"],
            };
        return start;
    }

    private static Decision Passed(Decision start, string command, string flag, string shown, string value, string path, string text, int index) => start with
    {
        Value = command,
        Rule = $"{start.Rule}; start.bind-all: --{flag} defaults to {shown} ({path}), loopback, which is not reached from outside the container: passed {value}",
        Evidence = [.. start.Evidence, $"{path}:{SourceText.LineOf(text, index)}"],
    };


    [GeneratedRegex(@"\.(?:[cm]?js|ts)$")]
    private static partial Regex ScriptFile();

    // An option declared by its flag ('-l,--listen', '--host <host>') whose declaration, within its call, shows a loopback default:
    // commander's third argument, clipanion's description (within the call: no `;`, no next option), "(default: localhost:4873)", yargs' default.
    [GeneratedRegex(@"['""`](?:-\w\s*,\s*)?--(?<flag>listen|host|bind|address)\b[^'""`\n]*['""`](?:(?!\.option\(|Option\.)[^;]){0,300}?\b(?<host>localhost|127\.0\.0\.1)(?::(?<hp>[1-9]\d{1,4}))?\b",
        RegexOptions.Singleline)]
    private static partial Regex FlagOption();

    // A yargs options key: host: { alias: 'H', default: 'localhost' }.
    [GeneratedRegex(@"(?<![\w-])['""]?(?<flag>listen|host|bind|address)['""]?\s*:\s*\{[^{}]{0,300}?\bdefault\s*:\s*['""`](?<host>localhost|127\.0\.0\.1)(?::(?<hp>[1-9]\d{1,4}))?['""`]",
        RegexOptions.Singleline)]
    private static partial Regex KeyOption();

    // `python FILE.py`, `python3 ./FILE.py`: the file the start runs.
    [GeneratedRegex(@"^python3?\s+(?:\./)?(?<f>[\w./-]+\.py)(\s|$)")]
    private static partial Regex PythonStart();

    [GeneratedRegex(@"(?:add_argument|option)\(\s*(?:[""']-\w[""']\s*,\s*)?[""']--(?<n>host|bind|address|listen)[""'][^)]*?\bdefault\s*=\s*[""'](?<host>127\.0\.0\.1|localhost)[""']"
        + @"|\bdefine\(\s*[""'](?<n>host|address|bind)[""']\s*,\s*default\s*=\s*[""'](?<host>127\.0\.0\.1|localhost)[""']")]
    private static partial Regex HostOption();

    [GeneratedRegex(@"(?:run_simple\(\s*|\.run\([^)\n]*\bhost\s*=\s*|\.listen\([^)\n]*\baddress\s*=\s*|(?:HTTPServer|make_server)\(\s*\(?\s*)[""'](?<a>127\.0\.0\.1|localhost)[""']")]
    private static partial Regex LoopbackBind();
}
