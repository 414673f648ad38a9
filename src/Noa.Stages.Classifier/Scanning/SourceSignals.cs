using System.Text.RegularExpressions;

namespace Noa.Stages.Classifier.Scanning;

/// <summary>
/// Reads the head of source files for the hints the service-type ranking and the licence report
/// use. Only cheap substring tests run on every file; regexes run only after a substring hit.
/// </summary>
internal static partial class SourceSignals
{
    [GeneratedRegex(@"governed by an?\s+(?<style>[\w.-]+)[- ]style\s+licen[cs]e\s+that\s+can\s+be\s+found\s+in\s+the\s+(?<file>[\w.-]+)\s+file", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Notice();

    [GeneratedRegex(@"SPDX-License-Identifier:\s*(?<expr>[^\r\n*]*?)\s*(?:\*/|-->|\r|\n|$)", RegexOptions.CultureInvariant)]
    private static partial Regex SpdxLine();

    [GeneratedRegex(@"(?:^|\n)\s*(?://|#|\*|/\*|--|;+)?[ \t]*", RegexOptions.CultureInvariant)]
    private static partial Regex CommentPrefix();

    public static void Collect(FileScan scan, string lowerName, string head)
    {
        var scope = head.Length > 4096 ? head[..4096] : head;
        FindLicenseNotes(scan, scope);
        switch (scan.Language?.Name)
        {
            case "Go":
                if (Has(head, "package main"))
                {
                    Add(scan, SignalKind.EntryPoint, "package main");
                    if (HasAny(head, "\"flag\"", "github.com/spf13/cobra", "github.com/urfave/cli", "github.com/alecthomas/kingpin", "github.com/alecthomas/kong"))
                    {
                        Add(scan, SignalKind.ArgumentParsing, "imports a flag parser");
                    }
                }
                if (HasAny(head, "ListenAndServe(", ".Run(\":", "http.Serve("))
                {
                    Add(scan, SignalKind.HttpServer, "starts an HTTP server");
                }
                break;
            case "Python":
                var pythonMain = Has(head, "if __name__ == \"__main__\"") || Has(head, "if __name__ == '__main__'") || lowerName == "__main__.py";
                if (pythonMain)
                {
                    Add(scan, SignalKind.EntryPoint, "__main__ guard");
                }
                // Libraries import parsers too (click's own modules); only an entry point parsing its arguments is a CLI.
                if (pythonMain && HasAny(head, "import argparse", "import click", "import typer", "from argparse ", "import fire"))
                {
                    Add(scan, SignalKind.ArgumentParsing, "imports an argument parser");
                }
                // Tornado's app.listen(port), Werkzeug's run_simple, aiohttp's web.run_app, wsgiref's make_server.
                if (HasAny(head, "uvicorn.run(", "app.run(", ".serve_forever(", "run_simple(", "app.listen(", "application.listen(", "server.listen(", "web.run_app(", "make_server(", "waitress.serve("))
                {
                    Add(scan, SignalKind.HttpServer, "starts an HTTP server");
                }
                break;
            case "Rust":
                var rustMain = scan.Path.EndsWith("src/main.rs", StringComparison.Ordinal) || scan.Path.Contains("src/bin/", StringComparison.Ordinal);
                if (rustMain)
                {
                    Add(scan, SignalKind.EntryPoint, "binary crate entry");
                }
                else if (scan.Path.EndsWith("src/lib.rs", StringComparison.Ordinal))
                {
                    Add(scan, SignalKind.LibraryEntry, "library crate root");
                }
                if (rustMain && HasAny(head, "use clap", "clap::", "structopt"))
                {
                    Add(scan, SignalKind.ArgumentParsing, "uses clap");
                }
                break;
            case "C#":
                if (HasAny(head, "WebApplication.CreateBuilder", "WebHost.CreateDefaultBuilder", "ConfigureWebHostDefaults"))
                {
                    Add(scan, SignalKind.HttpServer, "builds an ASP.NET Core web host");
                }
                var (handles, health) = Mapped(head);
                if (handles)
                {
                    Add(scan, SignalKind.RequestHandlers, "handles HTTP requests");
                }
                if (health)
                {
                    Add(scan, SignalKind.HealthChecks, "maps health checks");
                }
                if (HasAny(head, ": BackgroundService", "IHostedService"))
                {
                    Add(scan, SignalKind.BackgroundWorker, "hosted background service");
                }
                if (HasAny(head, "static void Main(", "static int Main(", "static async Task Main(", "static async Task<int> Main("))
                {
                    Add(scan, SignalKind.EntryPoint, "Main method");
                }
                break;
            case "Java":
            case "Kotlin":
                if (Has(head, "@SpringBootApplication"))
                {
                    Add(scan, SignalKind.EntryPoint, "@SpringBootApplication");
                }
                else if (HasAny(head, "public static void main(", "fun main("))
                {
                    Add(scan, SignalKind.EntryPoint, "main method");
                }
                break;
            case "JavaScript" or "TypeScript" or "TSX" or "JSX":
                // A server's listen call takes a port (a literal, a port variable or the environment's); a library's own listen
                // passes its caller's arguments through (`server.listen.apply(server, arguments)`, `listen(...args)`).
                if (Has(head, ".listen(") && NodeListen().IsMatch(head) || HasAny(head, "Deno.serve(", "Bun.serve("))
                {
                    Add(scan, SignalKind.HttpServer, "starts an HTTP server");
                }
                break;
            case "HTML":
                if (lowerName == "index.html" && (scan.Path.Length == lowerName.Length || scan.Path.StartsWith("public/", StringComparison.Ordinal) || scan.Path.StartsWith("src/", StringComparison.Ordinal)))
                {
                    Add(scan, SignalKind.HtmlEntry, "index.html");
                }
                break;
        }
    }

    private static void FindLicenseNotes(FileScan scan, string scope)
    {
        var at = scope.IndexOf("SPDX-License-Identifier:", StringComparison.Ordinal);
        if (at >= 0)
        {
            var m = SpdxLine().Match(scope, at);
            if (m.Success && m.Groups["expr"].Value.Length > 0)
            {
                scan.SpdxIdentifier = m.Groups["expr"].Value.Trim().TrimEnd(';', ',').Trim();
            }
        }
        at = scope.IndexOf("governed by a", StringComparison.OrdinalIgnoreCase);
        if (at >= 0)
        {
            // The notice wraps across comment lines: drop the comment leaders before matching.
            var text = CommentPrefix().Replace(scope.Substring(at, Math.Min(400, scope.Length - at)), " ");
            var m = Notice().Match(text);
            if (m.Success)
            {
                scan.LicenseNotice = (m.Groups["style"].Value, m.Groups["file"].Value);
            }
        }
    }

    // The port argument: a literal, `port`, `config.port`, `httpPort`, `PORT`, `server_port` — a whole name that is a port, so a
    // message transport's `listen(transport)` is none.
    [GeneratedRegex(@"\.listen\(\s*(?:\d{2,5}\s*[,)]|(?:[\w$]+\.)*(?-i:port|PORT|[\w$]*(?:Port|_port|_PORT))\b|process\.env\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NodeListen();

    [GeneratedRegex(@"\.Map(?<name>[A-Z]\w*)\s*[(<]", RegexOptions.CultureInvariant)]
    private static partial Regex MapCall();

    // What a host maps that handles no request of the app's own: health and liveness checks, metrics, its OpenAPI document.
    private static readonly HashSet<string> HealthOnly = new(StringComparer.Ordinal)
    {
        "HealthChecks", "DefaultEndpoints", "PrometheusScrapingEndpoint", "OpenApi",
    };

    // Any Map… call other than health checks counts (an app's own MapCatalogApi() extension, AutoMapper's MapFrom too: a false hit
    // only keeps a host a service), and the other ways ASP.NET Core handles requests.
    private static (bool Handles, bool Health) Mapped(string head)
    {
        var handles = HasAny(head, "[ApiController]", "[Route(", "[HttpGet", "[HttpPost", "[HttpPut", "[HttpDelete", "[HttpPatch", ": ControllerBase", ": Controller",
            ": PageModel", ".UseMvc", ".UseEndpoints(", ".Run(async", ".Run(context", ".UseStaticFiles(", ".UseFileServer(", ".UseSpa(", ".UseOcelot(",
            ".UseFastEndpoints(", ".UseGrpcWeb(");
        var health = false;
        if (head.Contains(".Map", StringComparison.Ordinal))
        {
            foreach (Match m in MapCall().Matches(head))
            {
                if (HealthOnly.Contains(m.Groups["name"].Value))
                {
                    health = true;
                }
                else
                {
                    handles = true;
                }
            }
        }
        return (handles, health);
    }

    private static void Add(FileScan scan, SignalKind kind, string detail) => (scan.Signals ??= []).Add(new Signal(kind, detail));

    private static bool Has(string text, string value) => text.Contains(value, StringComparison.Ordinal);

    private static bool HasAny(string text, params ReadOnlySpan<string> values)
    {
        foreach (var v in values)
        {
            if (text.Contains(v, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
