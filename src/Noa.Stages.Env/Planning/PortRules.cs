using System.Globalization;
using System.Text.RegularExpressions;
using Noa.Abstractions.Env;
using Noa.Abstractions.Profiles;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>
/// The listening port, in this order: (1) a port variable the code reads (<c>PORT</c>, or one named the HTTP server's: <c>HTTP_PORT</c>, <c>MAILDEV_WEB_PORT</c>, never <c>*_SMTP_PORT</c>) with a literal
/// default; (2) a literal in the start command (<c>--port 8000</c>, <c>-b 0.0.0.0:8000</c>); (3) the default of the server program
/// the start command runs (gunicorn, uvicorn and <c>fastapi run</c> 8000, <c>flask run</c> 5000, <c>next start</c> 3000: the
/// program listens there, not where the framework's own development server would); (4) a literal in an entry file's
/// listen call, the default of its port flag (Go's <c>flag.Int("port", 9000, …)</c>, argparse's and click's <c>--port</c>, commander's
/// <c>.option('--port …', …, 8080)</c>, Tornado's <c>define("port", default=8888)</c>) or in Spring's <c>server.port</c>; for Go, then
/// <see cref="GoPortRule"/>'s literals (listen flag defaults, a listen field's literal, an imported package's listen default); (5) the framework's default. The graph has no port facts yet, so (3) reads the
/// entry files the graph named — the one place this stage reads code, said in <c>docs/architecture.md</c>.
/// </summary>
internal static partial class PortRules
{
    private static readonly (string Framework, int Port)[] Defaults =
    [
        ("fastapi", 8000), ("starlette", 8000), ("django", 8000), ("flask", 5000), ("express", 3000), ("nestjs", 3000), ("nest", 3000),
        ("next", 3000), ("nextjs", 3000), ("koa", 3000), ("fastify", 3000), ("hapi", 3000), ("gin", 8080), ("echo", 8080),
        ("spring-boot", 8080), ("spring", 8080), ("aspnetcore", 8080), ("asp.net-core", 8080), ("rails", 3000),
    ];

    public static async Task<Decision> DecideAsync(App app, AppFacts facts, IReadOnlyList<EnvVariable> env, string? documentedStart, SourceText files,
        IReadOnlyDictionary<string, string> scopes, ICollection<Contradiction> contradictions, CancellationToken ct)
    {
        foreach (var variable in env.Where(v => PortVariable().IsMatch(v.Name)).OrderBy(v => v.Name == "PORT" ? 0 : 1))
        {
            if (variable.Default is { } def && int.TryParse(def.Trim('"', '\''), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536)
                return new Decision(port.ToString(CultureInfo.InvariantCulture), "port.env-default", 0.9, [.. variable.Evidence.Take(3), $"graph:env:{variable.Name}"]);
        }
        if (documentedStart is not null && CommandPort().Match(documentedStart) is { Success: true } m)
            return new Decision(m.Groups["p"].Value, "port.start-command", 0.9, []);
        if (documentedStart is not null && ServerDefault(documentedStart) is { } server)
            return new Decision(server.Port.ToString(CultureInfo.InvariantCulture), $"port.server-default:{server.Program}", 0.8, []);
        // The file the start command runs is the app's server, whatever its scope (gun's Procfile runs examples/http.js).
        if (documentedStart is not null && NodeStartFile().Match(documentedStart) is { Success: true } run)
        {
            var path = SourceText.Join(app.Root, run.Groups["f"].Value);
            if (await files.ReadAsync(path, ct).ConfigureAwait(false) is { } text
                && new[] { EnvFallback().Match(text), ListenLiteral().Match(text) }.FirstOrDefault(m => m.Success) is { } literal)
            {
                var scope = scopes.GetValueOrDefault(path) is { } s && s != Noa.Abstractions.Profiles.FileScopes.Product ? $" (scoped as {s}: read as the app's all the same)" : "";
                return new Decision(literal.Groups["p"].Value, $"port.start-file: the start command runs {run.Groups["f"].Value}{scope}", 0.8, [$"{path}:{SourceText.LineOf(text, literal.Index)}"]);
            }
        }
        // A constant that names itself the default port (DEFAULT_PORT = '4873') in the app's product sources: before an entry file's
        // listen literal, which may be a debug script's (verdaccio's debug/run-server.ts listens on 4000).
        var prefix = app.Root == "." ? "" : app.Root + "/";
        var products = files.Paths.Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && SourceFile().IsMatch(p)
            && scopes.GetValueOrDefault(p) == Noa.Abstractions.Profiles.FileScopes.Product).Order(StringComparer.Ordinal).Take(400).ToList();
        foreach (var path in products)
        {
            if (await files.ReadAsync(path, ct).ConfigureAwait(false) is { } text && DefaultPortConstant().Match(text) is { Success: true } constant)
                return new Decision(constant.Groups["p"].Value, "port.default-constant", 0.75, [$"{path}:{SourceText.LineOf(text, constant.Index)}"]);
        }
        foreach (var entry in facts.Entries.Where(e => e.File is not null).OrderBy(e => GraphFacts.Prop(e, "role") == "primary" ? 0 : 1).Select(e => e.File!).Distinct())
        {
            if (await files.ReadAsync(entry, ct).ConfigureAwait(false) is not { } text)
                continue;
            if (ListenLiteral().Match(text) is { Success: true } listen)
                return new Decision(listen.Groups["p"].Value, "port.listen-literal", 0.8, [$"{entry}:{SourceText.LineOf(text, listen.Index)}"]);
            if (FlagDefault().Match(text) is { Success: true } flag)
                return new Decision(flag.Groups["p"].Value, "port.flag-default", 0.8, [$"{entry}:{SourceText.LineOf(text, flag.Index)}"]);
        }
        if (Toolchain.For(app.Language, app.Builds.FirstOrDefault()?.System) == Toolchain.Go
            && await GoPortRule.DecideAsync(app.Root, facts, files, ct).ConfigureAwait(false) is { } go)
        {
            if (go.Conflict is not null)
                contradictions.Add(go.Conflict);
            return go.Port;
        }
        // The server may be started outside the entry file (a router module's bind): the app's other product sources, for a
        // listen call with an address literal only (a bare `port = N` there is as likely a database's).
        foreach (var path in products)
        {
            if (await files.ReadAsync(path, ct).ConfigureAwait(false) is { } text && AddressLiteral().Match(text) is { Success: true } listen)
                return new Decision(listen.Groups["p"].Value, "port.listen-literal", 0.7, [$"{path}:{SourceText.LineOf(text, listen.Index)}"]);
        }
        foreach (var config in new[] { "src/main/resources/application.properties", "src/main/resources/application.yml", "src/main/resources/application.yaml" })
        {
            var path = SourceText.Join(app.Root, config);
            if (await files.ReadAsync(path, ct).ConfigureAwait(false) is { } text && SpringPort().Match(text) is { Success: true } sp)
                return new Decision(sp.Groups["p"].Value, "port.spring-config", 0.9, [$"{path}:{SourceText.LineOf(text, sp.Index)}"]);
        }
        foreach (var (framework, port) in Defaults)
        {
            if (app.Frameworks.Contains(framework, StringComparer.OrdinalIgnoreCase))
                return new Decision(port.ToString(CultureInfo.InvariantCulture), $"port.framework-default:{framework}", 0.6, [.. app.Evidence.Take(1).Select(e => e.Path)]);
        }
        return Decision.Undecided("port: no port variable with a default, no literal in the start command or entry files, no framework default");
    }

    /// <summary>The server program a start command runs and the port it listens on when the command names none.</summary>
    public static (string Program, int Port)? ServerDefault(string command)
    {
        foreach (var (program, port) in ServerPrograms)
        {
            if (Regex.IsMatch(command, $@"(^|[\s/;&|]){Regex.Escape(program)}(\s|$)"))
                return (program, port);
        }
        return null;
    }

    private static readonly (string Program, int Port)[] ServerPrograms =
    [
        ("gunicorn", 8000), ("uvicorn", 8000), ("hypercorn", 8000), ("daphne", 8000), ("fastapi run", 8000), ("waitress-serve", 8080),
        ("flask run", 5000), ("next start", 3000),
    ];

    /// <summary>The default of a port flag in a source text, or null.</summary>
    public static string? FlagDefaultPort(string text) => FlagDefault().Match(text) is { Success: true } m ? m.Groups["p"].Value : null;

    /// <summary>Whether the app reads a port variable (the image then sets it to the planned port).</summary>
    public static string? PortVariableOf(AppFacts facts) => facts.Env.Keys.FirstOrDefault(k => k == "PORT") ?? facts.Env.Keys.FirstOrDefault(k => PortVariable().IsMatch(k));

    // PORT, or a port whose name says it is the HTTP server's (HTTP_PORT, MAILDEV_WEB_PORT), not another protocol's (MAILDEV_SMTP_PORT).
    [GeneratedRegex(@"^(PORT|([A-Z0-9]+_)?(HTTP|SERVER|APP|WEB|LISTEN|API)_PORT)$")]
    private static partial Regex PortVariable();

    [GeneratedRegex(@"(--port[ =]|-p\s+|--bind[ =]\S*:|-b\s+\S*:|\s:|0\.0\.0\.0:)(?<p>\d{2,5})\b")]
    private static partial Regex CommandPort();

    [GeneratedRegex(@"(\.listen\(\s*|\.Run\(\s*""[^""]*:|\.Start\(\s*""[^""]*:|ListenAndServe\(\s*""[^""]*:|\bport\s*[=:]\s*|UseUrls\(\s*""[^""]*:|bind\(\s*&?[""'][^""']*:|HTTPServer\(\s*\(\s*[""'][^""']*[""']\s*,\s*|run_simple\(\s*[""'][^""']*[""']\s*,\s*)(?<p>[1-9]\d{1,4})\b")]
    private static partial Regex ListenLiteral();

    // A port flag's default: Go's flag package (an address flag's ":9000" too), argparse's add_argument and click's option with
    // default=, commander's option with the default as third argument, Tornado's options.define("port", default=8888).
    [GeneratedRegex(@"flag\.(?:Int|Uint|String)(?:Var)?\(\s*(?:&[\w.]+\s*,\s*)?""(?:port|http-port|http|addr|address|listen|listen-addr|bind)""\s*,\s*(?:""[^"":,]*:|"")?(?<p>[1-9]\d{1,4})""?\s*,"
        + @"|(?:add_argument|option)\(\s*(?:[""']-\w[""']\s*,\s*)?[""']--port[""'][^)]*?\bdefault\s*=\s*(?<p>[1-9]\d{1,4})\b"
        + @"|\.option\(\s*[""'][^""']*--port\b[^""']*[""']\s*,\s*[""'][^""']*[""']\s*,\s*(?<p>[1-9]\d{1,4})\s*\)"
        + @"|\bdefine\(\s*[""']port[""']\s*,\s*default\s*=\s*(?<p>[1-9]\d{1,4})\b")]
    private static partial Regex FlagDefault();

    [GeneratedRegex(@"(\.listen\(\s*[""'][^""']*:|\.Run\(\s*""[^""]*:|\.Start\(\s*""[^""]*:|ListenAndServe\(\s*""[^""]*:|UseUrls\(\s*""[^""]*:|bind\(\s*&?[""'][^""']*:|TcpListener::bind\(\s*\(\s*\[[\d, ]+\]\s*,\s*)(?<p>[1-9]\d{1,4})\b")]
    private static partial Regex AddressLiteral();

    /// <summary>The file a <c>node [flags] FILE</c> start command runs (relative to the app's folder), or null.</summary>
    public static string? NodeStartFileOf(string? command) => command is not null && NodeStartFile().Match(command) is { Success: true } m ? m.Groups["f"].Value : null;

    // `node [--flag…] FILE.js`: the file a Node start command runs.
    [GeneratedRegex(@"^node\s+(?:-{1,2}[\w-]+(?:=\S+)?\s+)*(?<f>[\w./-]+\.[cm]?js)(\s|$)")]
    private static partial Regex NodeStartFile();

    // A port variable's literal fallback in JavaScript: `process.env.PORT || process.argv[2] || 8765`.
    [GeneratedRegex(@"process\.env\.[A-Z_]*PORT\b[^\n;]*?\|\|\s*(?<p>[1-9]\d{1,4})\b")]
    private static partial Regex EnvFallback();

    // A constant named the default port: DEFAULT_PORT = '4873', DEFAULT_HTTP_PORT = 8080, defaultPort: 3000.
    // A module-level PORT = 59546 (Python's constants module) too: no indentation, no other name's prefix.
    [GeneratedRegex(@"\b(?:DEFAULT_(?:HTTP_|SERVER_|LISTEN_)?PORT|default(?:Http|Server|Listen)?Port)\s*[=:]\s*(?:exports\.\w+\s*=\s*)?[""']?(?<p>[1-9]\d{1,4})\b|(?m)^(?:HTTP_|SERVER_|LISTEN_)?PORT\s*=\s*(?<p>[1-9]\d{1,4})\s*$")]
    private static partial Regex DefaultPortConstant();

    [GeneratedRegex(@"\.(rs|go|py|js|mjs|ts|java|kt|cs)$")]
    private static partial Regex SourceFile();

    [GeneratedRegex(@"(?m)^\s*(server\.port\s*[=:]\s*|port:\s*)(\$\{[A-Z_]+:)?(?<p>\d{2,5})")]
    private static partial Regex SpringPort();
}
