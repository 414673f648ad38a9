using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Embeddings.Models;

namespace Noa.Stages.Embeddings;

/// <summary>
/// The Embeddings stage: chunks the snapshot (code along kg.json's definitions, docs by headings, config by key), embeds
/// each chunk with the model configured for its kind, and stores it in that model's collection of the vector store
/// under the source's key. Incremental: a chunk already stored with the same content and model is left alone, a moved
/// one takes its stored vector, stale ones are removed, so re-digesting an unchanged source embeds nothing. Writes
/// <c>embeddings.json</c>.
/// </summary>
public sealed partial class EmbeddingsStage(IOptions<EmbeddingsStageOptions> options, EmbeddingOptions models, EmbeddingModelCache cache,
    IVectorStore store, IAuditLog audit, ILogger<EmbeddingsStage> logger) : IStage
{
    /// <summary>The stage name.</summary>
    public const string StageName = "embeddings";

    /// <inheritdoc />
    public string Name => StageName;

    /// <inheritdoc />
    public IReadOnlyList<StageDependency> Dependencies => StageCatalogue.Embeddings.Dependencies;

    /// <inheritdoc />
    public async Task<StageOutcome> ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        if (context.Source is not { } source)
            return StageOutcome.BadInput("The embeddings stage needs the source snapshot written by intake; the run has none.");
        var o = options.Value;
        var started = context.Time.GetTimestamp();
        var selections = new[] { ContentKind.Code, ContentKind.Docs }.ToDictionary(k => k, k => EmbeddingModels.Select(models, k));
        // Models load on the thread pool while the chunks are collected and compared with the store (once per process).
        var loading = selections.Values.DistinctBy(s => s.ModelId).ToDictionary(s => s.ModelId, s => Task.Run(() => cache.Get(s.Spec).Generator, cancellationToken));
        var sourceKey = await SourceKeyAsync(context, cancellationToken).ConfigureAwait(false);
        var set = await SourceChunks.CollectAsync(source, context.Artifacts, o.MaxFileBytes, context.Progress, cancellationToken).ConfigureAwait(false);

        foreach (var selection in selections.Values)
            await audit.AppendAsync(new AuditRecord
            {
                At = context.Time.GetUtcNow(), Actor = "system", Action = "ModelSelected", RunId = context.RunId, Subject = StageName,
                Detail = JsonSerializer.Serialize(new { kind = Kind(selection.Kind), model = selection.ModelId, reason = selection.Reason }),
            }, cancellationToken).ConfigureAwait(false);

        // One plan per model (code and docs share one when they use the same model), even with no chunks: a source
        // whose files are gone still has stored chunks to remove.
        var plans = new List<Plan>();
        foreach (var selection in selections.Values.DistinctBy(s => s.ModelId))
        {
            var plan = new Plan(selection, ChunkCollections.For(selection.ModelId));
            await plan.PrepareAsync(store, sourceKey, context.Request.Tenant, context.RunId, set.Chunks.Where(c => selections[c.Kind].ModelId == selection.ModelId), cancellationToken).ConfigureAwait(false);
            plans.Add(plan);
        }
        foreach (var plan in plans)
            await plan.ReuseAsync(store, cancellationToken).ConfigureAwait(false);

        var embed = await EmbedAsync(plans, loading, o, context, cancellationToken).ConfigureAwait(false);
        var removed = 0;
        foreach (var plan in plans)
            removed += await store.DeleteAsync(plan.Collection, plan.Stale, cancellationToken).ConfigureAwait(false);
        Log.Embedded(logger, context.RunId, set.Chunks.Count, embed.Embedded, plans.Sum(p => p.Reused.Count), removed, embed.Seconds);

        var pending = plans.Sum(p => p.ToEmbed.Count) - embed.Embedded;
        var report = new EmbeddingsReport
        {
            Source = sourceKey,
            Store = store.GetType().Name,
            Models = [.. selections.Values.Select(s => new EmbeddingsReport.ModelUse(Kind(s.Kind), s.ModelId, ChunkCollections.For(s.ModelId),
                plans.FirstOrDefault(p => p.Selection.ModelId == s.ModelId)?.Dimensions, s.Reason, set.Chunks.Count(c => c.Kind == s.Kind)))],
            Chunks = new EmbeddingsReport.ChunkCounts(set.Chunks.Count, set.Chunks.Count(c => c.Kind == ContentKind.Code),
                set.Chunks.Count(c => c.Kind == ContentKind.Docs), plans.Sum(p => p.Unchanged), plans.Sum(p => p.Reused.Count),
                embed.Embedded, pending, removed),
            Files = new EmbeddingsReport.FileCounts(set.CodeFiles, set.DocumentFiles, set.Skipped),
            Tokens = new EmbeddingsReport.TokenStats(set.Chunks.Count == 0 ? 0 : Math.Round(set.Chunks.Average(c => c.Chunk.TokenCount), 1),
                set.Chunks.Count == 0 ? 0 : set.Chunks.Max(c => c.Chunk.TokenCount), set.Chunks.Count(c => c.Chunk.Part > 0)),
            Embedding = new EmbeddingsReport.Timing(Math.Round(embed.Seconds, 2), embed.Seconds > 0 ? Math.Round(embed.Embedded / embed.Seconds, 1) : 0),
            Budget = new EmbeddingsReport.BudgetUse(o.MaxChunks, o.MaxSeconds, embed.BudgetNote is not null, embed.BudgetNote),
        };
        using (var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(report, EmbeddingsReport.Json)))
            await context.Artifacts.WriteAsync(EmbeddingsReport.BundlePath, json, "application/json", cancellationToken).ConfigureAwait(false);

        var summary = $"{set.Chunks.Count:N0} chunks: {embed.Embedded:N0} embedded, {report.Chunks.Reused:N0} reused, " +
            $"{report.Chunks.Unchanged:N0} unchanged, {removed:N0} removed in {context.Time.GetElapsedTime(started).TotalSeconds:F1}s";
        return StageOutcome.Success(embed.BudgetNote is null ? summary : $"{summary}; {embed.BudgetNote}");
    }

    private sealed record EmbedResult(int Embedded, double Seconds, string? BudgetNote);

    /// <summary>
    /// Embeds every plan's new chunks in steps; a step is stored while the next one is embedded (the store's writes
    /// overlap the model's work), and counted and reported once stored.
    /// </summary>
    private async Task<EmbedResult> EmbedAsync(List<Plan> plans, Dictionary<string, Task<IEmbeddingGenerator<string, Embedding<float>>>> loading,
        EmbeddingsStageOptions o, StageContext context, CancellationToken cancellationToken)
    {
        var total = plans.Sum(p => p.ToEmbed.Count);
        var clock = Stopwatch.StartNew();
        var done = 0;
        if (total == 0)
            return new EmbedResult(0, 0, null);
        context.Progress.Report(new StageProgress(0, total, "chunks", $"embedding {total:N0} chunks"));
        var storing = Task.CompletedTask;
        (Plan Plan, int Count)? stored = null;
        try
        {
            foreach (var plan in plans)
            {
                var generator = await loading[plan.Selection.ModelId].ConfigureAwait(false);
                foreach (var step in plan.ToEmbed.Chunk(o.StepSize))
                {
                    var queued = done + (stored?.Count ?? 0);
                    var take = o.MaxChunks > 0 ? Math.Min(step.Length, o.MaxChunks - queued) : step.Length;
                    var stop = take <= 0 ? $"budget reached: Noa:Embeddings:MaxChunks = {o.MaxChunks:N0}"
                        : o.MaxSeconds > 0 && clock.Elapsed.TotalSeconds >= o.MaxSeconds ? $"budget reached: Noa:Embeddings:MaxSeconds = {o.MaxSeconds:N0}"
                        : null;
                    if (stop is not null)
                    {
                        await SettleAsync().ConfigureAwait(false);
                        return new EmbedResult(done, clock.Elapsed.TotalSeconds, Note(stop, done, total));
                    }
                    var records = step[..take];
                    var vectors = await generator.GenerateAsync(records.Select(r => r.Text), cancellationToken: cancellationToken).ConfigureAwait(false);
                    plan.Dimensions ??= vectors[0].Vector.Length;
                    await SettleAsync().ConfigureAwait(false);
                    storing = store.UpsertAsync(plan.Collection, [.. records.Select((r, i) => r with { Vector = vectors[i].Vector })], cancellationToken);
                    stored = (plan, records.Length);
                }
            }
            await SettleAsync().ConfigureAwait(false);
        }
        finally
        {
            // A failed or cancelled step leaves no store write running behind the stage.
            await storing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }
        return new EmbedResult(done, clock.Elapsed.TotalSeconds, null);

        async Task SettleAsync()
        {
            await storing.ConfigureAwait(false);
            if (stored is not { } last)
                return;
            stored = null;
            done += last.Count;
            var rate = done / Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
            context.Progress.Report(new StageProgress(done, total, "chunks", $"{rate:F1} chunks/s, {last.Plan.Selection.ModelId}"));
        }
    }

    private static string Note(string why, int done, int total) =>
        $"{why}: {done:N0} of {total:N0} new chunks embedded, {total - done:N0} are not searchable yet; the next digest of this source continues with them";

    /// <summary>
    /// The key a source's chunks are stored under: intake's locator (credentials redacted), and the ref when one was
    /// asked for, so two branches of one repository do not replace each other.
    /// </summary>
    private static async Task<string> SourceKeyAsync(StageContext context, CancellationToken cancellationToken)
    {
        string? locator = null, gitRef = null;
        var stream = await context.Artifacts.OpenReadAsync("provenance.json", cancellationToken).ConfigureAwait(false);
        if (stream is not null)
            await using (stream.ConfigureAwait(false))
            {
                using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                locator = doc.RootElement.TryGetProperty("locator", out var l) ? l.GetString() : null;
                gitRef = doc.RootElement.TryGetProperty("ref", out var r) ? r.GetString() : null;
            }
        locator ??= context.Request.Source;
        gitRef ??= context.Request.Ref;
        return gitRef is null ? locator : $"{locator}@{gitRef}";
    }

    private static string Kind(ContentKind kind) => kind == ContentKind.Code ? "code" : "docs";

    /// <summary>
    /// The store id of a chunk: its id (path, lines, text) within its source and tenant, so two tenants' digests of one
    /// source are separate records. The local tenant keeps the ids of before tenants, so its stored chunks stay unchanged.
    /// </summary>
    internal static string RecordId(string tenant, string sourceKey, string chunkId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            (tenant == Tenants.Local ? "" : tenant + "\n") + sourceKey + "\n" + chunkId)));

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Embedded, Level = LogLevel.Information,
            Message = "Run {RunId}: {Chunks} chunks, {Embedded} embedded, {Reused} reused, {Removed} removed; embedding took {Seconds:F1} s")]
        public static partial void Embedded(ILogger logger, string runId, int chunks, int embedded, int reused, int removed, double seconds);
    }
}
