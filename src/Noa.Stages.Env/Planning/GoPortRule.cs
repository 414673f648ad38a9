using System.Text.RegularExpressions;
using Noa.Abstractions.Env;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>
/// A Go server's port from the literals of its code, when its entry file's listen call and <c>flag</c> defaults show none. In
/// order, the first level that finds one decides; two different ports at that level are a contradiction, listed:
/// (1, 0.8) the main package's listen-address flag defaults: <c>flag</c>/pflag/cobra (<c>String("web.listen-address", ":9093", …)</c>,
/// <c>StringVarP(&amp;a, "addr", "a", ":8080", …)</c>), kingpin (<c>Flag("listen-address", …).Default(":9093")</c>), and a flag
/// helper given an address literal (exporter-toolkit's <c>webflag.AddFlags(kingpin.CommandLine, ":9093")</c>);
/// (2, 0.7) a field of a struct literal in the main package whose name says it listens (<c>Http: ":1338"</c>, <c>ListenAddr:
/// "0.0.0.0:8080"</c>); (3, 0.6) a <c>Default…</c> constant of the module's own packages the main package imports whose name says
/// it listens or binds (<c>DefaultListenClientURLs = "http://localhost:2379"</c>) or is a server's address or port
/// (<c>DefaultHTTPAddr</c>). Names that say where the program connects to (advertise, endpoint, remote, upstream, target, dial,
/// a bare <c>…URL</c>) are not listen addresses; a peer, cluster, metrics or debug listener ranks after the others at its level.
/// </summary>
internal static partial class GoPortRule
{
    public static async Task<(Decision Port, Contradiction? Conflict)?> DecideAsync(string root, AppFacts facts, SourceText files, CancellationToken ct)
    {
        var main = await GoSource.MainPackageAsync(facts, files, ct).ConfigureAwait(false);
        var levels = new (string Rule, double Confidence, IReadOnlyList<Candidate> Found)[]
        {
            ("port.go-flag-default: a listen-address flag's default in the main package", 0.8, Find(main, FlagDefault(), FlagHelper())),
            ("port.go-config-literal: a listen field of a struct literal in the main package", 0.7, Find(main, ConfigField())),
            ("port.go-default-constant: a listen Default… constant of the module's packages the main package imports", 0.6,
                Find(await GoSource.ImportedAsync(root, facts, files, ct).ConfigureAwait(false), DefaultConstant())),
        };
        foreach (var (rule, confidence, found) in levels)
        {
            if (found.Count == 0)
                continue;
            var ranked = found.OrderBy(c => Secondary().IsMatch(c.Name) ? 1 : 0).ToList();
            var first = ranked[0];
            var decision = new Decision(first.Port, $"{rule} ({first.Name})", confidence, [first.Evidence]);
            var others = ranked.Where(c => c.Port != first.Port && !Secondary().IsMatch(c.Name)).ToList();
            var conflict = others.Count == 0 ? null : new Contradiction("port",
                [decision, .. others.Select(c => new Decision(c.Port, $"{rule} ({c.Name})", confidence, [c.Evidence]))]);
            return (decision, conflict);
        }
        return null;
    }

    private sealed record Candidate(string Name, string Port, string Evidence);

    private static List<Candidate> Find(IReadOnlyList<(string Path, string Text)> sources, params Regex[] patterns)
    {
        var found = new List<Candidate>();
        foreach (var (path, text) in sources)
        {
            foreach (var pattern in patterns)
            {
                foreach (Match m in pattern.Matches(text))
                {
                    var name = m.Groups["n"].Success ? m.Groups["n"].Value : m.Groups["f"].Value;
                    if (m.Groups["n"].Success && !Listens(name))
                        continue;
                    if (PortOf(m.Groups["v"].Value, name) is { } port && !IsComment(text, m.Index))
                        found.Add(new Candidate(name, port, $"{path}:{SourceText.LineOf(text, m.Index)}"));
                }
            }
        }
        return found;
    }

    /// <summary>Whether a flag's, field's or constant's name says the program listens there: listen or bind (never advertise), else a
    /// server's address or port by name that does not also say where it connects to.</summary>
    private static bool Listens(string name) =>
        !Advertise().IsMatch(name) && (ListenOrBind().IsMatch(name) || (AddressName().IsMatch(name) && !ClientName().IsMatch(name)));

    /// <summary>The port of an address literal (<c>:9093</c>, <c>0.0.0.0:8080</c>, <c>http://localhost:2379</c>), or of a bare number
    /// when the name says port.</summary>
    private static string? PortOf(string value, string name)
    {
        if (Address().Match(value) is { Success: true } a)
            return a.Groups["p"].Value;
        return name.Contains("port", StringComparison.OrdinalIgnoreCase) && Number().IsMatch(value) ? value : null;
    }

    private static bool IsComment(string text, int index)
    {
        var start = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return text.AsSpan(start, index - start).TrimStart().StartsWith("//");
    }

    // flag/pflag/cobra: [flag.|fs.|cmd.Flags().](String|Int|Uint)[Var][P]([&x, ]"name"[, "s"], default, …).
    [GeneratedRegex(@"\b(?:String|Int|Uint)(?:Var)?P?\(\s*(?:&[\w.\[\]]+\s*,\s*)?""(?<n>[\w.-]+)""\s*,\s*(?:""\w""\s*,\s*)?(?<v>""[^""\n]*""|\d+)\s*,"
        + @"|\bFlag\(\s*""(?<n>[\w.-]+)""[^\n]*?\.Default\(\s*(?<v>""[^""\n]*"")\s*\)")]
    private static partial Regex FlagDefault();

    // A helper that registers flags given the address to listen on: webflag.AddFlags(kingpin.CommandLine, ":9093").
    [GeneratedRegex(@"\b(?<f>\w*Flags?)\(\s*[\w.()]+\s*,\s*(?<v>""[\w.\[\]-]*:\d+"")\s*\)")]
    private static partial Regex FlagHelper();

    // A struct literal's field: `Http: ":1338",`, `ListenAddr: "0.0.0.0:8080"`.
    [GeneratedRegex(@"(?m)^\s*(?<n>[A-Za-z]\w*)\s*:\s*(?<v>""[^""\n]*"")\s*,")]
    private static partial Regex ConfigField();

    // `DefaultListenClientURLs = "http://localhost:2379"`, `const DefaultHTTPAddr = ":8080"`.
    [GeneratedRegex(@"\b(?<n>Default\w*)\s*(?:string\s*)?=\s*(?<v>""[^""\n]*""|\d+)")]
    private static partial Regex DefaultConstant();

    [GeneratedRegex(@"(?i)listen|bind")]
    private static partial Regex ListenOrBind();

    [GeneratedRegex(@"(?i)advertise")]
    private static partial Regex Advertise();

    // A server's address or port by name (a bare …URL is not: it is as likely where the program connects to).
    [GeneratedRegex(@"(?i)^(?:default)?(?:http|https|web|server|api|grpc)?(?:addr|address|port)s?$|^(?:http|web)$|[.-](?:addr|address|port)$")]
    private static partial Regex AddressName();

    // Where the program connects to: a client's target, never its own listener.
    [GeneratedRegex(@"(?i)endpoint|remote|upstream|target|dial|connect|proxy|backend|client|url")]
    private static partial Regex ClientName();

    // A listener besides the app's own: peers, cluster gossip, metrics, debug/pprof, admin.
    [GeneratedRegex(@"(?i)peer|cluster|gossip|raft|metric|debug|pprof|admin|health|profil")]
    private static partial Regex Secondary();

    [GeneratedRegex(@"^""(?:[a-z][\w+.-]*://)?(?:[\w.-]*|\[[\w:]*\]):(?<p>[1-9]\d{0,4})/?""$")]
    private static partial Regex Address();

    [GeneratedRegex(@"^""?[1-9]\d{1,4}""?$")]
    private static partial Regex Number();
}
