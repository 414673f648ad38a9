using System.Text.RegularExpressions;
using Noa.Abstractions.Env;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>
/// A Python server started as <c>python FILE</c> that binds loopback (<c>127.0.0.1</c>, <c>localhost</c>) is not reached through its
/// container's port. When the file takes the host from an option whose default is loopback (argparse's or click's <c>--host</c>,
/// Tornado's <c>define("host", default=…)</c>) the start passes <c>--NAME=0.0.0.0</c>; when it binds a loopback literal
/// (Werkzeug's <c>run_simple("127.0.0.1", 5000, …)</c>, <c>app.run(host="127.0.0.1")</c>) the start decision says so, with the line,
/// as a blocker: only a change of the source makes it reachable.
/// </summary>
internal static partial class LoopbackRule
{
    public static async Task<Decision> ApplyAsync(string root, Decision start, SourceText files, CancellationToken ct)
    {
        if (start.Value is not { } command || PythonStart().Match(command) is not { Success: true } run)
            return start;
        var path = SourceText.Join(root, run.Groups["f"].Value);
        if (await files.ReadAsync(path, ct).ConfigureAwait(false) is not { } text)
            return start;
        if (HostOption().Match(text) is { Success: true } option)
        {
            var name = option.Groups["n"].Value;
            return command.Contains("--" + name, StringComparison.Ordinal) ? start : start with
            {
                Value = $"{command} --{name}=0.0.0.0",
                Rule = $"{start.Rule}; bind.host-option: the --{name} option defaults to loopback, so the start passes --{name}=0.0.0.0",
                Evidence = [.. start.Evidence, $"{path}:{SourceText.LineOf(text, option.Index)}"],
            };
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

    // `python FILE.py`, `python3 ./FILE.py`: the file the start runs.
    [GeneratedRegex(@"^python3?\s+(?:\./)?(?<f>[\w./-]+\.py)(\s|$)")]
    private static partial Regex PythonStart();

    [GeneratedRegex(@"(?:add_argument|option)\(\s*(?:[""']-\w[""']\s*,\s*)?[""']--(?<n>host|bind|address|listen)[""'][^)]*?\bdefault\s*=\s*[""'](?:127\.0\.0\.1|localhost)[""']"
        + @"|\bdefine\(\s*[""'](?<n>host|address|bind)[""']\s*,\s*default\s*=\s*[""'](?:127\.0\.0\.1|localhost)[""']")]
    private static partial Regex HostOption();

    [GeneratedRegex(@"(?:run_simple\(\s*|\.run\([^)\n]*\bhost\s*=\s*|\.listen\([^)\n]*\baddress\s*=\s*|(?:HTTPServer|make_server)\(\s*\(?\s*)[""'](?<a>127\.0\.0\.1|localhost)[""']")]
    private static partial Regex LoopbackBind();
}
