using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Noa.Abstractions;

namespace Noa.Stages.Embeddings;

/// <summary>What the embedder did: chunks embedded and stored, the seconds it took, and the budget that stopped it, if one did.</summary>
internal sealed record EmbedResult(int Embedded, double Seconds, string? BudgetNote);

/// <summary>
/// Embeds the chunks the reader queues, in steps of <see cref="EmbeddingsStageOptions.StepSize"/>: a step is stored while the
/// next one is embedded (the store's writes overlap the model's work), and counted once stored. The queue is bounded, so
/// reading waits for embedding and only a queue's worth of chunk text is held. Once a budget is reached, what is still
/// queued or read is counted as pending and dropped. Reports progress: files read while the source is still being read,
/// then chunks embedded of those to embed.
/// </summary>
internal sealed class Embedder(IVectorStore store, EmbeddingsStageOptions options, StageContext context, SourceChunks chunks,
    Dictionary<string, Task<IEmbeddingGenerator<string, Embedding<float>>>> loading) : IDisposable
{
    private readonly Channel<(Plan Plan, VectorRecord Record)> queue = Channel.CreateBounded<(Plan, VectorRecord)>(
        new BoundedChannelOptions(Math.Max(4 * options.StepSize, 256)) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource readingStop = new();
    private readonly Lock progressLock = new();
    private readonly Stopwatch clock = new();
    private volatile string? stop;
    private volatile bool readingDone;
    private int wanted;
    private int done;
    private string model = "";

    /// <summary>Cancelled when embedding fails, so reading stops too.</summary>
    public CancellationToken ReadingStopped => readingStop.Token;

    /// <summary>Queues a chunk to embed (waiting while the queue is full); after a budget is reached it is only counted.</summary>
    public async ValueTask QueueAsync(Plan plan, VectorRecord record, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref wanted);
        if (stop is null)
            await queue.Writer.WriteAsync((plan, record), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reading is over (with its failure, if it failed).</summary>
    public void Complete(Exception? failure) => queue.Writer.TryComplete(failure);

    /// <summary>Called by the reader after each file.</summary>
    public void FileRead()
    {
        if (chunks.FilesRead % SourceChunks.ProgressEvery == 0)
            Report();
    }

    /// <summary>Embeds until the queue is completed; then waits for <paramref name="reading"/>, whose own failure is thrown.</summary>
    public async Task<EmbedResult> RunAsync(Task reading, CancellationToken cancellationToken)
    {
        clock.Start();
        Exception? failure = null;
        try
        {
            await ConsumeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
            await readingStop.CancelAsync().ConfigureAwait(false);
            queue.Writer.TryComplete();
        }
        try
        {
            await reading.ConfigureAwait(false);
        }
        catch (Exception e) when (failure is not null && e is ChannelClosedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Reading was stopped because embedding failed: the embedding failure is the one to tell.
        }
        if (failure is not null)
            ExceptionDispatchInfo.Throw(failure);
        readingDone = true;
        Report();
        return new EmbedResult(done, clock.Elapsed.TotalSeconds, stop);
    }

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        var storing = Task.CompletedTask;
        (Plan Plan, int Count)? stored = null;
        var step = new List<VectorRecord>(options.StepSize);
        Plan? stepPlan = null;
        try
        {
            while (await queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (queue.Reader.TryRead(out var item))
                {
                    if (stop is not null)
                        continue; // counted as pending by QueueAsync; dropped here
                    if (stepPlan is not null && (item.Plan != stepPlan || step.Count == options.StepSize))
                        await EmbedStepAsync().ConfigureAwait(false);
                    stepPlan = item.Plan;
                    step.Add(item.Record);
                }
            }
            if (step.Count > 0 && stop is null)
                await EmbedStepAsync().ConfigureAwait(false);
            await SettleAsync().ConfigureAwait(false);
        }
        finally
        {
            // A failed or cancelled step leaves no store write running behind the stage.
            await storing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }

        async Task EmbedStepAsync()
        {
            var plan = stepPlan!;
            var queued = done + (stored?.Count ?? 0);
            var take = options.MaxChunks > 0 ? Math.Min(step.Count, options.MaxChunks - queued) : step.Count;
            stop = take <= 0 ? $"budget reached: Noa:Embeddings:MaxChunks = {options.MaxChunks:N0}"
                : options.MaxSeconds > 0 && clock.Elapsed.TotalSeconds >= options.MaxSeconds ? $"budget reached: Noa:Embeddings:MaxSeconds = {options.MaxSeconds:N0}"
                : null;
            if (stop is not null)
            {
                step.Clear();
                return;
            }
            var records = step[..take];
            step.Clear();
            var generator = await loading[plan.Selection.ModelId].ConfigureAwait(false);
            var vectors = await generator.GenerateAsync(records.Select(r => r.Text), cancellationToken: cancellationToken).ConfigureAwait(false);
            plan.Dimensions ??= vectors[0].Vector.Length;
            await SettleAsync().ConfigureAwait(false);
            storing = store.UpsertAsync(plan.Collection, [.. records.Select((r, i) => r with { Vector = vectors[i].Vector })], cancellationToken);
            stored = (plan, records.Count);
        }

        async Task SettleAsync()
        {
            await storing.ConfigureAwait(false);
            if (stored is not { } last)
                return;
            stored = null;
            Interlocked.Add(ref done, last.Count);
            model = last.Plan.Selection.ModelId;
            Report();
        }
    }

    private void Report()
    {
        lock (progressLock)
        {
            var embedded = Volatile.Read(ref done);
            var rate = embedded / Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
            context.Progress.Report(readingDone
                ? new StageProgress(embedded, Volatile.Read(ref wanted), "chunks", $"{rate:F1} chunks/s, {model}")
                : new StageProgress(chunks.FilesRead, chunks.FileCount, "files",
                    $"chunking: {chunks.FilesRead:N0} of {chunks.FileCount:N0} files read; {embedded:N0} chunks embedded" +
                    (embedded > 0 ? $" ({rate:F1}/s, {model})" : "")));
        }
    }

    public void Dispose() => readingStop.Dispose();
}
