using System.Text.RegularExpressions;
using Noa.Abstractions.Env;
using Noa.Abstractions.Graph;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>
/// The server among a Python package's entry points (setup.py's <c>console_scripts</c> often hold the daemon and its client, nrpe-ng
/// and check_nrpe_ng): the entry whose module, or a module of the package it imports (<c>from .server import …</c>,
/// <c>from ..http.server import …</c>), starts a server (an <c>HTTPServer</c>, <c>bind_sockets</c>, <c>.listen(</c>, <c>serve_forever</c>,
/// <c>run_simple</c>, <c>uvicorn.run</c>, <c>web.run_app</c>). It runs as <c>python3 -m MODULE</c> (no install puts a console script on
/// the PATH); the decision lists the other entries and why not. Applies only when some entry does not serve: a choice is made.
/// </summary>
internal static partial class PythonServerEntryRule
{
    public static async Task<Decision?> DecideAsync(string root, AppFacts facts, SourceText files, CancellationToken ct)
    {
        var entries = facts.Entries
            .Where(e => e.File is not null && GraphFacts.Prop(e, "kind") is "console-script" or "package-main" or "python-main")
            .OrderBy(e => GraphFacts.Prop(e, "kind") == "console-script" ? 0 : 1).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        if (entries.Count < 2)
            return null;
        var serving = new List<(KgNode Entry, string Where)>();
        var not = new List<string>();
        foreach (var entry in entries)
        {
            if (await ServesAsync(entry.File!, files, ct).ConfigureAwait(false) is { } where)
                serving.Add((entry, where));
            else
                not.Add($"{entry.Name} ({entry.File}): no server in its module or the package modules it imports");
        }
        if (serving.Count == 0 || not.Count == 0)
            return null;
        var (chosen, at) = serving[0];
        var module = ModuleOf(CommandRules.Relative(chosen.File!, root));
        // A console script's function runs through -m only when its module runs it under a __main__ guard (the graph's main entries).
        var command = $"python3 -m {module}";
        if (GraphFacts.Prop(chosen, "kind") == "console-script" && Spec().Match(GraphFacts.Prop(chosen, "evidence") ?? "") is { Success: true } spec
            && !entries.Any(e => GraphFacts.Prop(e, "kind") is "package-main" or "python-main" && ModuleOf(CommandRules.Relative(e.File!, root)) == spec.Groups["m"].Value))
            command = $"python3 -c 'import sys; from {spec.Groups["m"].Value} import {spec.Groups["f"].Value}; sys.exit({spec.Groups["f"].Value}())'";
        else if (Spec().Match(GraphFacts.Prop(chosen, "evidence") ?? "") is { Success: true } named)
            module = named.Groups["m"].Value;
        command = command.StartsWith("python3 -m ", StringComparison.Ordinal) ? $"python3 -m {module}" : command;
        var others = serving.Skip(1).Select(s => $"{s.Entry.Name} ({s.Entry.File}): serves too, ranked after (console scripts first)");
        return new Decision(command, $"start.python-server-entry: {chosen.Name} ({GraphFacts.Prop(chosen, "kind")}) starts the server ({at}); "
            + $"not: {string.Join("; ", not.Concat(others))}", 0.75, [CommandRules.Where(chosen), at]);
    }

    /// <summary>Where a module, or a package module it imports relatively, starts a server (file:line), or null.</summary>
    private static async Task<string?> ServesAsync(string file, SourceText files, CancellationToken ct)
    {
        if (await files.ReadAsync(file, ct).ConfigureAwait(false) is not { } text)
            return null;
        foreach (var (path, body) in new[] { (file, text) }.Concat(await ImportedAsync(file, text, files, ct).ConfigureAwait(false)))
        {
            if (Serve().Match(body) is { Success: true } m)
                return $"{path}:{SourceText.LineOf(body, m.Index)}";
        }
        return null;
    }

    private static async Task<List<(string, string)>> ImportedAsync(string file, string text, SourceText files, CancellationToken ct)
    {
        var found = new List<(string, string)>();
        var folder = Path.GetDirectoryName(file)?.Replace('\\', '/') ?? "";
        foreach (Match m in RelativeImport().Matches(text))
        {
            var dir = folder;
            for (var up = 1; up < m.Groups["dots"].Value.Length; up++)
                dir = Path.GetDirectoryName(dir)?.Replace('\\', '/') ?? "";
            var name = m.Groups["mod"].Value.Replace('.', '/');
            foreach (var candidate in new[] { $"{name}.py", $"{name}/__init__.py" })
            {
                var path = dir.Length == 0 ? candidate : $"{dir}/{candidate}";
                if (await files.ReadAsync(path, ct).ConfigureAwait(false) is { } body)
                {
                    found.Add((path, body));
                    break;
                }
            }
        }
        return found;
    }

    private static string ModuleOf(string path)
    {
        var module = path.EndsWith("/__init__.py", StringComparison.Ordinal) ? path[..^"/__init__.py".Length]
            : path.EndsWith("/__main__.py", StringComparison.Ordinal) ? path[..^"/__main__.py".Length] : path[..^".py".Length];
        return module.Replace('/', '.');
    }

    // setup.py's `name = package.module:function`.
    [GeneratedRegex(@"=\s*(?<m>[\w.]+):(?<f>\w+)")]
    private static partial Regex Spec();

    [GeneratedRegex(@"(?m)^\s*from\s+(?<dots>\.+)(?<mod>[\w.]+)\s+import\b")]
    private static partial Regex RelativeImport();

    [GeneratedRegex(@"\w*HTTPServer\(|\bbind_sockets\(|\b(?:app|application|server|httpd)\.listen\(|\.serve_forever\(|\brun_simple\(|\buvicorn\.run\(|\bweb\.run_app\(|\bmake_server\(")]
    private static partial Regex Serve();
}
