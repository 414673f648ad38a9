using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Noa.Abstractions.Env;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>
/// A Node command-line program that is a server when started as it is (http-server, local-web-server): the start runs the package's
/// own bin, and either that bin (or the README) shows a <c>--port</c> flag — the port is then passed explicitly through it, at the
/// default the help text or README gives (<c>[8080]</c>, a README options row), else 8080, said so — or the README shows what the
/// documented command prints when it listens (<c>Listening on http://…:8000</c>), which is the port of a default that lives in a
/// dependency. Either way the port's evidence is in plan.json; nothing is guessed from a dependency silently.
/// </summary>
internal static partial class CliServerRule
{
    /// <summary>The port to pass when the flag shows no default.</summary>
    public const int ChosenPort = 8080;

    /// <summary>The start and port of a Node CLI that serves, or null (its start runs no own bin, or nothing shows a port).</summary>
    public static async Task<(Decision Start, Decision Port)?> DecideAsync(string root, Decision start, string manifest, string? packageJson, SourceText files,
        CancellationToken ct)
    {
        if (start.Value is not { } command || packageJson is null || Bins(packageJson) is not { Count: > 0 } bins)
            return null;
        var evidence = new List<string>(start.Evidence);
        // `npm start` runs package.json's start script: the command is that script's.
        if (NodeRules.IsNpmStart(command) && NodeRules.Script(packageJson, "start") is { } script)
        {
            command = script;
            evidence.Add($"{manifest}:{NodeRules.LineOf(packageJson, "\"start\"")}");
        }
        if (NodeFile().Match(command) is not { Success: true } run || !bins.Contains(Normal(run.Groups["f"].Value)))
            return null;
        var bin = SourceText.Join(root, Normal(run.Groups["f"].Value));
        var readmePath = files.Paths.FirstOrDefault(p => string.Equals(p, SourceText.Join(root, "README.md"), StringComparison.OrdinalIgnoreCase));
        var readme = readmePath is null ? null : await files.ReadAsync(readmePath, ct).ConfigureAwait(false);
        foreach (var (path, text) in new[] { (bin, await files.ReadAsync(bin, ct).ConfigureAwait(false)), (readmePath, readme) })
        {
            if (path is null || text is null || PortFlagLine().Match(text) is not { Success: true } flag)
                continue;
            var shown = FlagDefault().Match(flag.Value);
            var port = shown.Success ? shown.Groups["p"].Value : ChosenPort.ToString(CultureInfo.InvariantCulture);
            var why = shown.Success ? $"its default there is {port}" : $"no default shown there, {port} chosen";
            return (new Decision($"{command} --port {port}", $"{start.Rule}; start.cli-port: the start runs the package's own bin {run.Groups["f"].Value}, " +
                    $"whose --port flag ({path}) is passed explicitly", start.Confidence, [.. evidence, $"{path}:{SourceText.LineOf(text, flag.Index)}"]),
                new Decision(port, $"port.cli-flag: --port shown in {path}, {why}", shown.Success ? 0.8 : 0.5, [$"{path}:{SourceText.LineOf(text, flag.Index)}"]));
        }
        if (readme is not null && ListeningLine().Match(readme) is { Success: true } listening)
            return (start with { Evidence = evidence },
                new Decision(listening.Groups["p"].Value, "port.documented-listen: the README shows the started program listening there (a default its own code does not set)",
                    0.7, [$"{readmePath}:{SourceText.LineOf(readme, listening.Index)}"]));
        return null;
    }

    private static string Normal(string path) => path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;

    private static HashSet<string> Bins(string packageJson)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(packageJson, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("bin", out var bin))
                return result;
            if (bin.ValueKind == JsonValueKind.String)
                result.Add(Normal(bin.GetString()!));
            else if (bin.ValueKind == JsonValueKind.Object)
                result.UnionWith(bin.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).Select(p => Normal(p.Value.GetString()!)));
        }
        catch (JsonException)
        {
            // A package.json that does not parse: the Classifier reports it.
        }
        return result;
    }

    [GeneratedRegex(@"^node\s+(?:-{1,2}[\w-]+(?:=\S+)?\s+)*(?<f>[\w./-]+)$")]
    private static partial Regex NodeFile();

    // A line that documents a --port option (help text, a README options table), not one that merely passes it.
    [GeneratedRegex(@"(?m)^.*(?<![\w-])--port\b(?![\w-]).*\b[Pp]ort\b.*$|(?m)^.*(?<![\w-])--port\b(?![\w-]).*(?:[Pp]ort to|to listen|listen on).*$")]
    private static partial Regex PortFlagLine();

    [GeneratedRegex(@"\[(?<p>[1-9]\d{1,4})\]|\|\s*`?(?<p>[1-9]\d{1,4})`?\s*\|\s*$|\bdefaults?\b(?: to| is|:)?\s*`?(?<p>[1-9]\d{1,4})\b")]
    private static partial Regex FlagDefault();

    [GeneratedRegex(@"(?im)^\s*(?:listening|serving|server (?:is )?running|running|available)\s+(?:on|at)\s+https?://[\w.-]+:(?<p>[1-9]\d{1,4})\b")]
    private static partial Regex ListeningLine();
}
