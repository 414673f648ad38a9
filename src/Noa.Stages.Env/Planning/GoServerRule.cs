using System.Text.RegularExpressions;
using Noa.Abstractions.Env;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>
/// A Go program the Classifier calls a command line (it parses flags, and the head of its files it reads shows no server) is a
/// server when its main package — every file of the package the image builds, not only the head of one — starts one:
/// <c>http.ListenAndServe</c>, exporter-toolkit's <c>web.ListenAndServe</c>, <c>http.Serve</c>, <c>net.Listen</c> (alertmanager
/// serves at the end of a 600-line <c>main.go</c>; dms listens on a <c>net.Listen</c> in its config). A program that only dials
/// (<c>http.Get</c>, <c>net.Dial</c>) stays a command line.
/// </summary>
internal static partial class GoServerRule
{
    /// <summary>The evidence (file:line) of the main package's server call, or null.</summary>
    public static async Task<string?> ServesAsync(AppFacts facts, SourceText files, CancellationToken ct)
    {
        foreach (var (path, text) in await GoSource.MainPackageAsync(facts, files, ct).ConfigureAwait(false))
        {
            if (ServerCall().Match(text) is { Success: true } call)
                return $"{path}:{SourceText.LineOf(text, call.Index)}";
        }
        return null;
    }

    /// <summary>The start decision's note when the rule made the app a server.</summary>
    public static Decision Note(Decision start, string evidence) =>
        start with { Rule = $"{start.Rule}; server.go-main: its main package starts a server", Evidence = [.. start.Evidence, evidence] };

    // A call outside a comment line: (http|web|server…).ListenAndServe[TLS](, http.Serve[TLS](, net.Listen[TCP](.
    [GeneratedRegex(@"(?m)^(?!\s*//).*?(?<call>\b\w+\.ListenAndServe(?:TLS)?\(|\bhttp\.Serve(?:TLS)?\(|\bnet\.Listen(?:TCP)?\()")]
    private static partial Regex ServerCall();
}
