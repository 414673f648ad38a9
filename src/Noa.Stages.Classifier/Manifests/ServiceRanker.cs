using Noa.Stages.Classifier.Scanning;

namespace Noa.Stages.Classifier.Manifests;

/// <summary>
/// Adds what the source files showed (entry points, argument parsing, servers, workers, pages) to the
/// manifest scores and picks the service type. Each kind of source signal counts once, with the
/// number of files as detail, so a tree of many small mains does not drown its manifests. Only product-scope files count.
/// </summary>
internal static class ServiceRanker
{
    // Tie order: the more specific kind of service wins.
    private static readonly string[] TieOrder = ["http-api", "worker", "frontend", "cli", "library"];

    public static (string Best, IReadOnlyList<ServiceTypeScore> Scores) Rank(IReadOnlyList<FileScan> scans, Findings findings, string? goModule)
    {
        var counts = new Dictionary<SignalKind, (int Files, string Example, string Detail)>();
        foreach (var scan in scans)
        {
            if (scan.Signals is null || scan.Scope != FileScopes.Product)
            {
                continue;
            }
            foreach (var signal in scan.Signals)
            {
                counts[signal.Kind] = counts.TryGetValue(signal.Kind, out var c)
                    ? (c.Files + 1, c.Example, c.Detail)
                    : (1, scan.Path, signal.Detail);
            }
        }
        foreach (var (kind, (files, example, detail)) in counts.OrderBy(p => p.Key))
        {
            var evidence = new Evidence(example, files == 1 ? detail : $"{detail} ({files} files)");
            switch (kind)
            {
                case SignalKind.EntryPoint:
                    findings.Service("cli", 1, evidence);
                    break;
                case SignalKind.ArgumentParsing:
                    findings.Service("cli", 2, evidence);
                    break;
                case SignalKind.HttpServer:
                    findings.Service("http-api", 2, evidence);
                    break;
                case SignalKind.BackgroundWorker:
                    findings.Service("worker", 2, evidence);
                    break;
                case SignalKind.HtmlEntry:
                    findings.Service("frontend", 1, evidence);
                    break;
                case SignalKind.LibraryEntry:
                    findings.Service("library", 2, evidence);
                    break;
            }
        }
        if (goModule is not null && !counts.ContainsKey(SignalKind.EntryPoint))
        {
            findings.Service("library", 2, new Evidence(goModule, "module without package main"));
        }
        var scores = findings.Services();
        if (scores.Count == 0)
        {
            findings.Service("library", 1, new Evidence("", "no entry point found"));
            scores = findings.Services();
        }
        var best = scores
            .OrderByDescending(s => s.Score)
            .ThenBy(s => Array.IndexOf(TieOrder, s.Type))
            .First().Type;
        return (best, scores);
    }
}
