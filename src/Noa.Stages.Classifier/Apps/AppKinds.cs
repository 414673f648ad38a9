using Noa.Stages.Classifier.Manifests;
using Noa.Stages.Classifier.Scanning;

namespace Noa.Stages.Classifier.Apps;

/// <summary>
/// Decides what an app is from its own evidence: the votes its manifests cast (frameworks, SDKs, <c>bin</c>, output types) and the
/// signals of the product files it owns (entry points, argument parsing, servers, workers; an <c>index.html</c> at its root, in
/// <c>public/</c> or <c>src/</c>; Razor components), each kind of signal once. The service types map to app kinds (http-api → service,
/// frontend → web-app); app-host, desktop and mobile come from their SDKs and frameworks.
/// </summary>
internal static class AppKinds
{
    // On a tie the more specific kind wins.
    private static readonly string[] TieOrder = ["app-host", "service", "web-app", "worker", "mobile", "desktop", "cli", "library"];

    public static (string Kind, double Confidence, IReadOnlyList<Evidence> Evidence) Decide(
        IEnumerable<KindVote> manifestVotes, IReadOnlyList<FileScan> owned, string root, bool goModule)
    {
        var scores = new Dictionary<string, (int Score, List<Evidence> Evidence)>(StringComparer.Ordinal);
        void Vote(string serviceType, int weight, Evidence evidence)
        {
            var kind = Map(serviceType);
            var entry = scores.GetValueOrDefault(kind, (0, []));
            if (entry.Evidence.Count < 8 && !entry.Evidence.Contains(evidence))
            {
                entry.Evidence.Add(evidence);
            }
            scores[kind] = (entry.Score + weight, entry.Evidence);
        }
        var classLibrary = false;
        foreach (var vote in manifestVotes)
        {
            Vote(vote.Kind, vote.Weight, vote.Evidence);
            classLibrary |= vote is { Kind: "library", Weight: >= 5 };
        }
        var seen = new Dictionary<SignalKind, (int Files, string Example, string Detail)>();
        var razor = 0;
        string? razorExample = null;
        foreach (var scan in owned)
        {
            if (scan.Path.EndsWith(".razor", StringComparison.Ordinal))
            {
                razor++;
                razorExample ??= scan.Path;
            }
            foreach (var signal in scan.Signals ?? [])
            {
                if (signal.Kind == SignalKind.HtmlEntry && !IsHtmlEntry(scan.Path, root))
                {
                    continue;
                }
                seen[signal.Kind] = seen.TryGetValue(signal.Kind, out var c) ? (c.Files + 1, c.Example, c.Detail) : (1, scan.Path, signal.Detail);
            }
            if (FileScanner.Basename(scan.Path) == "index.html" && IsHtmlEntry(scan.Path, root) && !seen.ContainsKey(SignalKind.HtmlEntry))
            {
                seen[SignalKind.HtmlEntry] = (1, scan.Path, "index.html");
            }
        }
        // A main and the arguments it parses say that the app runs, not what it runs as: a server has a main that reads its
        // configuration from flags too (an axum service parsing its Config with clap, a Spring Boot application). They make a command
        // line only when nothing says the app serves or works a queue (a web framework or worker dependency of its manifest, a server).
        var webHost = scores.ContainsKey("service") || seen.ContainsKey(SignalKind.HttpServer);
        var serves = webHost || scores.ContainsKey("worker") || seen.ContainsKey(SignalKind.BackgroundWorker);
        foreach (var (kind, (files, example, detail)) in seen.OrderBy(p => p.Key))
        {
            var evidence = new Evidence(example, files == 1 ? detail : $"{detail} ({files} files)");
            switch (kind)
            {
                case SignalKind.EntryPoint when !serves:
                    Vote("cli", 1, evidence);
                    break;
                case SignalKind.ArgumentParsing when !serves:
                    Vote("cli", 2, evidence);
                    break;
                case SignalKind.HttpServer:
                    Vote("http-api", 2, evidence);
                    break;
                case SignalKind.BackgroundWorker:
                    Vote("worker", 2, evidence);
                    break;
                case SignalKind.HtmlEntry:
                    Vote("frontend", 1, evidence);
                    break;
                case SignalKind.LibraryEntry:
                    Vote("library", 2, evidence);
                    break;
            }
        }
        if (razor > 0 && !classLibrary && !webHost)
        {
            // Razor components in a project that runs in the browser (Blazor WebAssembly, a MAUI Blazor view) are its UI. In a web host
            // (Sdk.Web, a server it starts) they are pages the server renders, like MVC views or templates: the app is a web server
            // (Blazor Server). In a class library they are components for other apps.
            Vote("frontend", 6, new Evidence(razorExample!, razor == 1 ? "Razor component" : $"Razor components ({razor} files)"));
        }
        if (seen.TryGetValue(SignalKind.HttpServer, out var host) && host.Example.EndsWith(".cs", StringComparison.Ordinal)
            && seen.ContainsKey(SignalKind.HealthChecks) && !seen.ContainsKey(SignalKind.RequestHandlers) && razor == 0 && !owned.Any(s => s.Path.EndsWith(".cshtml", StringComparison.Ordinal))
            && scores.Remove("service", out var web))
        {
            // An ASP.NET Core host that maps health checks and handles no request of its own (no endpoints, controllers, pages,
            // components or static files) runs for its background work: a queue consumer on Sdk.Web for the probes of its orchestrator.
            // A host that maps nothing at all is left a service (its handlers may come from a library it references).
            Vote("worker", web.Score, new Evidence(host.Example, "web host that handles no request of its own (health checks only)"));
        }
        if (goModule && !seen.ContainsKey(SignalKind.EntryPoint))
        {
            Vote("library", 2, new Evidence(root.Length == 0 ? "go.mod" : root + "/go.mod", "module without package main"));
        }
        if (scores.Count == 0)
        {
            Vote("library", 1, new Evidence(root, "no entry point, server or UI found"));
        }
        var ranked = scores.OrderByDescending(p => p.Value.Score).ThenBy(p => Array.IndexOf(TieOrder, p.Key)).ToArray();
        var best = ranked[0];
        var second = ranked.Length > 1 ? ranked[1].Value.Score : 0;
        var ordered = best.Value.Evidence.OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Detail, StringComparer.Ordinal).ToArray();
        return (best.Key, Findings.Confidence(best.Value.Score, second), ordered);
    }

    private static string Map(string serviceType) => serviceType switch
    {
        "http-api" => "service",
        "frontend" => "web-app",
        _ => serviceType,
    };

    private static bool IsHtmlEntry(string path, string root)
    {
        var relative = root.Length == 0 ? path : path[(root.Length + 1)..];
        return relative is "index.html" or "public/index.html" or "src/index.html";
    }

    /// <summary>
    /// What the product runs as, from its apps: an HTTP service when any app serves (a backend API with its SPA is a service with a
    /// frontend, not a frontend), else a worker, a web app (<c>frontend</c>), a command line, a library. An app-host only starts the
    /// others. Null without apps.
    /// </summary>
    public static string? ServiceTypeOf(IReadOnlyList<App> apps)
    {
        foreach (var (kind, serviceType) in (ReadOnlySpan<(string, string)>)[("service", "http-api"), ("worker", "worker"), ("web-app", "frontend"),
            ("mobile", "frontend"), ("desktop", "frontend"), ("cli", "cli"), ("library", "library")])
        {
            if (apps.Any(a => a.Kind == kind))
            {
                return serviceType;
            }
        }
        return null;
    }
}
