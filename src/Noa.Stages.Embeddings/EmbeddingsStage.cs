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
        var chunks = await SourceChunks.OpenAsync(source, context.Artifacts, o.MaxFileBytes, cancellationToken).ConfigureAwait(false);

        foreach (var selection in selections.Values)
            await audit.AppendAsync(new AuditRecord
            {
                At = context.Time.GetUtcNow(), Actor = "system", Action = "ModelSelected", RunId = context.RunId, Subject = StageName,
                Detail = JsonSerializer.Serialize(new { kind = Kind(selection.Kind), model = selection.ModelId, reason = selection.Reason }),
            }, cancellationToken).ConfigureAwait(false);

        // One plan per model (code and docs share one when they use the same model), even with no chunks: a source
        // whose files are gone still has stored chunks to remove.
        var plans = new Dictionary<string, Plan>(StringComparer.Ordinal);
        foreach (var selection in selections.Values.DistinctBy(s => s.ModelId))
        {
            var plan = new Plan(selection, ChunkCollections.For(selection.ModelId));
            await plan.LoadAsync(store, sourceKey, context.Request.Tenant, cancellationToken).ConfigureAwait(false);
            plans[selection.ModelId] = plan;
        }

        // Chunks are read and planned while earlier ones are embedded: only a queue's worth of text is held at a time.
        var tally = new ChunkTally();
        using var embedder = new Embedder(store, o, context, chunks, loading);
        using var readingStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, embedder.ReadingStopped);
        var reading = Task.Run(() => PlanAsync(chunks, plans, selections, sourceKey, context, tally, embedder, readingStop.Token), readingStop.Token);
        var embed = await embedder.RunAsync(reading, cancellationToken).ConfigureAwait(false);
        var removed = 0;
        foreach (var plan in plans.Values)
            removed += await store.DeleteAsync(plan.Collection, await plan.StaleAsync(store, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        Log.Embedded(logger, context.RunId, tally.Total, embed.Embedded, plans.Values.Sum(p => p.Reused), removed, embed.Seconds);

        var pending = plans.Values.Sum(p => p.ToEmbed) - embed.Embedded;
        var report = new EmbeddingsReport
        {
            Source = sourceKey,
            Store = store.GetType().Name,
            Models = [.. selections.Values.Select(s => new EmbeddingsReport.ModelUse(Kind(s.Kind), s.ModelId, ChunkCollections.For(s.ModelId),
                plans[s.ModelId].Dimensions, s.Reason, tally.Of(s.Kind)))],
            Chunks = new EmbeddingsReport.ChunkCounts(tally.Total, tally.Of(ContentKind.Code), tally.Of(ContentKind.Docs),
                plans.Values.Sum(p => p.Unchanged), plans.Values.Sum(p => p.Reused), embed.Embedded, pending, removed),
            Files = new EmbeddingsReport.FileCounts(chunks.CodeFiles, chunks.DocumentFiles, chunks.Skipped),
            Tokens = tally.Tokens(),
            Embedding = new EmbeddingsReport.Timing(Math.Round(embed.Seconds, 2), embed.Seconds > 0 ? Math.Round(embed.Embedded / embed.Seconds, 1) : 0),
            Budget = new EmbeddingsReport.BudgetUse(o.MaxChunks, o.MaxSeconds, embed.BudgetNote is not null,
                embed.BudgetNote is null ? null : Note(embed.BudgetNote, embed.Embedded, embed.Embedded + pending)),
        };
        using (var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(report, EmbeddingsReport.Json)))
            await context.Artifacts.WriteAsync(EmbeddingsReport.BundlePath, json, "application/json", cancellationToken).ConfigureAwait(false);

        var summary = $"{tally.Total:N0} chunks: {embed.Embedded:N0} embedded, {report.Chunks.Reused:N0} reused, " +
            $"{report.Chunks.Unchanged:N0} unchanged, {removed:N0} removed in {context.Time.GetElapsedTime(started).TotalSeconds:F1}s";
        return StageOutcome.Success(report.Budget.Note is null ? summary : $"{summary}; {report.Budget.Note}");
    }

    /// <summary>Reads every chunk, decides its fate in its model's plan, and queues those to embed; the queue is completed
    /// (with the exception, when reading fails) so the embedder always ends.</summary>
    private async Task PlanAsync(SourceChunks chunks, Dictionary<string, Plan> plans, Dictionary<ContentKind, ModelSelection> selections,
        string sourceKey, StageContext context, ChunkTally tally, Embedder embedder, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var chunk in chunks.ReadAsync(embedder.FileRead, cancellationToken).ConfigureAwait(false))
            {
                tally.Add(chunk);
                var plan = plans[selections[chunk.Kind].ModelId];
                if (plan.Classify(chunk, sourceKey, context.Request.Tenant, context.RunId, out var record) == ChunkFate.Embed)
                    await embedder.QueueAsync(plan, record!, cancellationToken).ConfigureAwait(false);
                if (plan.ReuseDue)
                    await ReuseAsync(plan).ConfigureAwait(false);
            }
            foreach (var plan in plans.Values)
                await ReuseAsync(plan).ConfigureAwait(false);
            embedder.Complete(null);
        }
        catch (Exception e)
        {
            embedder.Complete(e);
            throw;
        }

        async Task ReuseAsync(Plan plan)
        {
            foreach (var orphan in await plan.ReuseAsync(store, cancellationToken).ConfigureAwait(false))
                await embedder.QueueAsync(plan, orphan, cancellationToken).ConfigureAwait(false);
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
