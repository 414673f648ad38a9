using System.Diagnostics;
using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Abstractions.Graph;
using Noa.Abstractions.Profiles;
using Noa.Stages.Graph.Build;
using Noa.Stages.Graph.Extraction;
using Noa.Stages.Graph.Languages;
using Noa.Stages.Graph.Output;
using Noa.Stages.Graph.Output.Card;
using Noa.Stages.Graph.Repository;

namespace Noa.Stages.Graph;

/// <summary>
/// The Graph Extract stage: parses every Python, JavaScript, TypeScript, Go, Rust, Java and C# file of the
/// snapshot with tree-sitter and writes <c>kg.json</c> (definitions, imports, calls, inheritance, tests, endpoints,
/// config, stores) and <c>system_card.md</c>. Per-file facts are cached by content hash.
/// </summary>
public sealed partial class GraphStage(IOptions<GraphOptions> options, ILogger<GraphStage> logger) : IStage
{
    /// <summary>The stage name.</summary>
    public const string StageName = "graph";

    /// <inheritdoc />
    public string Name => StageName;

    /// <inheritdoc />
    public IReadOnlyList<StageDependency> Dependencies => StageCatalogue.Graph.Dependencies;

    /// <inheritdoc />
    public async Task<StageOutcome> ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        if (context.Source is not { } source)
        {
            return StageOutcome.BadInput("The graph stage needs the source snapshot written by intake; the run has none.");
        }
        var started = context.Time.GetTimestamp();
        var languages = await FileCategories.ReadAsync(context.Artifacts, cancellationToken).ConfigureAwait(false);
        var memory = new PhaseMemory();
        var graph = await BuildGraphAsync(source, languages, memory, context.Progress, cancellationToken).ConfigureAwait(false);
        memory.Release(); // the facts and the build's tables, before kg.json and the card are written

        // kg.json of a large source is hundreds of MB: it goes through a scratch file, not memory.
        Directory.CreateDirectory(context.Workspace);
        var scratch = new FileStream(Path.Combine(context.Workspace, $"kg-{Guid.NewGuid():N}.json"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        await using (scratch.ConfigureAwait(false))
        {
            GraphJson.Write(graph, scratch);
            scratch.Position = 0;
            await context.Artifacts.WriteAsync(KnowledgeGraph.BundlePath, scratch, "application/json", cancellationToken).ConfigureAwait(false);
        }
        var profile = await CardProfile.ReadAsync(context.Artifacts, cancellationToken).ConfigureAwait(false);
        var readme = await CardReadme.ReadAsync(source, cancellationToken).ConfigureAwait(false);
        using (var card = new MemoryStream(Encoding.UTF8.GetBytes(SystemCard.Render(profile, graph, readme))))
        {
            await context.Artifacts.WriteAsync(SystemCard.BundlePath, card, "text/markdown", cancellationToken).ConfigureAwait(false);
        }
        var stats = graph.Stats;
        var definitions = graph.Nodes.Count(n => n.Range is not null && n.Kind is not ("file" or "endpoint"));
        Log.Extracted(logger, context.RunId, stats.Parsed, stats.Cached, graph.Nodes.Count, graph.Edges.Count, context.Time.GetElapsedTime(started).TotalMilliseconds);
        return StageOutcome.Success($"{stats.Parsed + stats.Cached:N0} files ({stats.Cached:N0} cached), {definitions:N0} definitions, " +
            $"{graph.Edges.Count:N0} edges, {stats.Nodes.GetValueOrDefault("endpoint"):N0} endpoints");
    }

    // Separate from ExecuteAsync so the per-file facts are garbage once the graph is built (an async method keeps
    // its locals alive to its end, and the facts of a large source are hundreds of MB).
    private async Task<KnowledgeGraph> BuildGraphAsync(ISourceTree source, IReadOnlyDictionary<string, FileEntry>? languages, PhaseMemory memory,
        IProgress<StageProgress> progress, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await ExtractAsync(source, languages, progress, cancellationToken).ConfigureAwait(false);
        memory.Release(); // the parse's buffers, before the build
        var extracted = Stopwatch.GetTimestamp();
        var repo = RepoFacts.Read(await RepoFiles.ReadAsync(source, cancellationToken).ConfigureAwait(false));
        // How each ecosystem names modules (go.mod paths, tsconfig paths …), for imports.
        var (layout, layoutProblems) = await ProjectLayoutReader.ReadAsync(source, cancellationToken).ConfigureAwait(false);
        repo.Problems.AddRange(layoutProblems);
        var graph = new GraphBuilder(result.Files, result.Stats).WithRepository(repo).WithLayout(layout).Build();
        Log.Phases(logger, Stopwatch.GetElapsedTime(started, extracted).TotalMilliseconds, Stopwatch.GetElapsedTime(extracted).TotalMilliseconds);
        graph.Skipped.AddRange(repo.Problems.Distinct(StringComparer.Ordinal).Select(p => new KgSkipped(p[..p.IndexOf(':', StringComparison.Ordinal)],
            "not readable:" + p[(p.IndexOf(':', StringComparison.Ordinal) + 1)..])));
        graph.Skipped.AddRange(result.Skipped.OrderBy(s => s.Path, StringComparer.Ordinal));
        return graph;
    }

    /// <summary>Extraction result: facts per file, counts, skipped files.</summary>
    internal sealed record Extraction(List<SourceFacts> Files, KgStats Stats, List<KgSkipped> Skipped);

    /// <summary>Chooses the files to parse, and parses them (or takes their facts from the cache) in parallel.</summary>
    internal async Task<Extraction> ExtractAsync(ISourceTree source, IReadOnlyDictionary<string, FileEntry>? languages,
        IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var stats = new KgStats();
        var skipped = new ConcurrentBag<KgSkipped>();
        var work = new List<(SourceFile File, LanguageSpec Spec)>();
        foreach (var file in source.Files)
        {
            LanguageSpec? spec;
            if (languages is not null)
            {
                if (!languages.TryGetValue(file.Path, out var entry))
                {
                    continue;
                }
                if (entry.Category is "vendored" or "generated")
                {
                    // The Classifier gives vendored and generated files no language: the extension decides.
                    if (LanguageSpec.ByExtension(file.Path) is null)
                    {
                        continue;
                    }
                    if (!o.IncludeVendored)
                    {
                        stats.Skipped[entry.Category] = stats.Skipped.GetValueOrDefault(entry.Category) + 1;
                        continue;
                    }
                    spec = LanguageSpec.ByExtension(file.Path)!;
                }
                else if (entry.Category == "documentation" && entry.Language is null && LanguageSpec.ByExtension(file.Path) is { } example)
                {
                    // Code the Classifier files under documentation (examples/, docs/ snippets) is parsed: its scope
                    // (example, documentation) keeps it out of what the card says of the product.
                    spec = example;
                }
                else if (entry.Language is null || !LanguageSpec.ByLinguistName.TryGetValue(entry.Language, out spec))
                {
                    continue;
                }
                else if (entry.Scope is FileScopes.Fixture or FileScopes.Documentation)
                {
                    // Test inputs and code in documentation describe other software; examples are parsed (scope example).
                    stats.Skipped[entry.Scope] = stats.Skipped.GetValueOrDefault(entry.Scope) + 1;
                    continue;
                }
            }
            else if ((spec = LanguageSpec.ByExtension(file.Path)) is null)
            {
                continue;
            }
            if (file.Size > o.MaxFileBytes)
            {
                skipped.Add(new KgSkipped(file.Path, $"larger than {o.MaxFileBytes:N0} bytes ({file.Size:N0})"));
                continue;
            }
            work.Add((file, spec));
        }

        var cache = new FactsCache(o.CacheDirectory);
        var facts = new SourceFacts?[work.Count];
        var done = 0;
        var parsed = 0;
        var cached = 0;
        var extractors = new ConcurrentBag<FileExtractor>();
        var timeout = TimeSpan.FromSeconds(o.ParseTimeoutSeconds);
        var parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = o.MaxDegreeOfParallelism > 0 ? o.MaxDegreeOfParallelism : Environment.ProcessorCount,
        };
        var reportEvery = Math.Max(1, work.Count / 100);
        var reported = 0;
        var order = new Lock();
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, work.Count), parallel, async (i, token) =>
            {
                var (file, spec) = work[i];
                var grammar = spec.Grammar(file.Path);
                var result = cache.Get(file.Sha256, grammar);
                if (result is not null)
                {
                    Interlocked.Increment(ref cached);
                }
                else
                {
                    byte[] bytes;
                    var stream = await source.OpenReadAsync(file, token).ConfigureAwait(false);
                    await using (stream.ConfigureAwait(false))
                    {
                        using var buffer = new MemoryStream((int)Math.Min(file.Size, int.MaxValue));
                        await stream.CopyToAsync(buffer, token).ConfigureAwait(false);
                        bytes = buffer.ToArray();
                    }
                    if (SkipReason(bytes) is { } reason)
                    {
                        skipped.Add(new KgSkipped(file.Path, reason));
                        return;
                    }
                    if (!extractors.TryTake(out var extractor))
                    {
                        extractor = new FileExtractor(timeout);
                    }
                    try
                    {
                        (result, reason) = extractor.Extract(bytes, grammar);
                    }
                    finally
                    {
                        extractors.Add(extractor);
                    }
                    if (result is null)
                    {
                        skipped.Add(new KgSkipped(file.Path, reason!));
                        return;
                    }
                    cache.Put(file.Sha256, grammar, result);
                    Interlocked.Increment(ref parsed);
                }
                facts[i] = new SourceFacts(file.Path, spec, result);
                var n = Interlocked.Increment(ref done);
                if (progress is not null && (n % reportEvery == 0 || n == work.Count))
                {
                    lock (order) // threads finish out of order: never report backwards
                    {
                        if (n > reported)
                        {
                            reported = n;
                            progress.Report(new StageProgress(n, work.Count, "files"));
                        }
                    }
                }
            }).ConfigureAwait(false);
        }
        finally
        {
            foreach (var extractor in extractors)
            {
                extractor.Dispose();
            }
        }
        stats.Parsed = parsed;
        stats.Cached = cached;
        var files = facts.OfType<SourceFacts>().ToList();
        stats.Partial = files.Count(f => f.Facts.Status == "partial");
        foreach (var s in skipped)
        {
            var key = s.Reason.StartsWith("larger", StringComparison.Ordinal) ? "too large" : s.Reason.Split(' ')[0] is var w && w is "binary" or "minified" ? w : "unparsable";
            stats.Skipped[key] = stats.Skipped.GetValueOrDefault(key) + 1;
        }
        return new Extraction(files, stats, skipped.ToList());
    }

    // Binary content, and minified code (a bundle is one huge line: nothing a reader could navigate).
    internal static string? SkipReason(byte[] bytes)
    {
        var head = bytes.AsSpan(0, Math.Min(bytes.Length, 8192));
        if (head.Contains((byte)0))
        {
            return "binary content (NUL bytes)";
        }
        var lines = bytes.AsSpan().Count((byte)'\n') + 1;
        if (bytes.Length > 4096 && bytes.Length / lines > 500)
        {
            return $"minified ({bytes.Length / lines:N0} bytes per line on average)";
        }
        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Phases, Level = LogLevel.Debug, Message = "Graph phases: extract {ExtractMs:F0} ms, build {BuildMs:F0} ms")]
        public static partial void Phases(ILogger logger, double extractMs, double buildMs);

        [LoggerMessage(EventId = LogEvents.Extracted, Level = LogLevel.Information,
            Message = "Run {RunId}: graph of {Parsed} parsed and {Cached} cached files: {Nodes} nodes, {Edges} edges in {ElapsedMs:F0} ms")]
        public static partial void Extracted(ILogger logger, string runId, int parsed, int cached, int nodes, int edges, double elapsedMs);
    }
}
