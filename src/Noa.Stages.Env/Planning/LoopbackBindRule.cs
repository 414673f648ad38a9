using System.Text.RegularExpressions;
using Noa.Abstractions.Env;
using Noa.Abstractions.Profiles;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>
/// A Node server that listens on loopback unless told otherwise (verdaccio's <c>--listen</c>, default <c>localhost:4873</c>;
/// json-server's <c>--host</c>, default <c>localhost</c>) is never answered from outside its container. When the start runs
/// <c>node FILE</c> or <c>npm start</c> and the app's product code defines a bind option — a commander/yargs/clipanion option <c>--listen</c>,
/// <c>--host</c>, <c>--bind</c>, <c>--address</c> (or a yargs <c>host: { default: … }</c> key) whose default is <c>localhost</c> or
/// <c>127.0.0.1</c> — the start passes it (after <c>--</c> for <c>npm start</c>) <c>0.0.0.0</c> (<c>0.0.0.0:PORT</c> where the option takes host:port). An option without
/// a loopback default (no default, or <c>0.0.0.0</c>) and a server with no such option are left alone. The Python servers' bind
/// (flask run, uvicorn, gunicorn, runserver) is <see cref="CommandRules.Bind"/>.
/// </summary>
internal static partial class LoopbackBindRule
{
    public static async Task<Decision?> DecideAsync(string root, Decision start, string? port, IReadOnlyDictionary<string, string> scopes, SourceText files,
        CancellationToken ct)
    {
        if (start.Value is not { } command || !command.StartsWith("node ", StringComparison.Ordinal) && !NpmStart().IsMatch(command))
            return null;
        // npm passes what follows `--` to the start script's program.
        var pass = command.StartsWith("node ", StringComparison.Ordinal) ? " " : " -- ";
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
                return start with
                {
                    Value = $"{command}{pass}--{flag} {value}",
                    Rule = $"{start.Rule}; start.bind-all: --{flag} defaults to {option.Groups["host"].Value}{(option.Groups["hp"].Success ? ":" + option.Groups["hp"].Value : "")} " +
                        $"({path}), loopback, which is not reached from outside the container: passed {value}",
                    Evidence = [.. start.Evidence, $"{path}:{SourceText.LineOf(text, option.Index)}"],
                };
            }
        }
        return null;
    }

    [GeneratedRegex(@"^npm\s+(run\s+)?start$")]
    private static partial Regex NpmStart();

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
}
