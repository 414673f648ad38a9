using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Cli.Console;

/// <summary>
/// What the latest digests have not embedded yet (a budget stopped them, or a run is still going), per source: chunks
/// that search cannot find, so <c>noa search</c> says so under its results; and a run that is usable (every chunk it embeds is
/// searchable) while its doing stages still run, named with what still runs.
/// </summary>
internal static class PendingEmbeddings
{
    private const int RecentRuns = 20;

    /// <summary>One line per source whose newest embedding run left chunks pending or is still running.</summary>
    public static async Task<IReadOnlyList<string>> NotesAsync(IRunStore runs, IArtifactStore artifacts, string? source, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var settled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in await runs.ListRunsAsync(new RunQuery(null, RecentRuns), cancellationToken))
        {
            var key = run.Request.Source;
            if ((source is not null && key != source) || settled.Contains(key))
                continue;
            if (run.State is (RunState.Running or RunState.Queued) && run.UsableAt is null)
            {
                settled.Add(key);
                notes.Add($"not searchable yet: {key}: run {run.RunId} is still digesting it; what it has not embedded yet cannot be found");
                continue;
            }
            if (run.State is RunState.Running or RunState.Queued)
            {
                // Usable: its chunks are embedded (as far as its budget went, said below); the doing stages go on.
                notes.Add($"digest in progress: {key}: run {run.RunId} is usable; {Commands.RunsList.StillRunning(await runs.GetAttemptsAsync(run.RunId, cancellationToken))}");
            }
            var report = (await runs.GetArtifactsAsync(run.RunId, cancellationToken)).FirstOrDefault(a => a.Path == "embeddings.json");
            if (report is null || await artifacts.OpenReadAsync(report.Sha256, cancellationToken) is not { } stream)
                continue; // a run without the embeddings stage says nothing about them: look at an older one
            settled.Add(key);
            await using (stream)
            {
                using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
                var pending = doc.RootElement.TryGetProperty("chunks", out var chunks) && chunks.TryGetProperty("pending", out var p) ? p.GetInt32() : 0;
                if (pending > 0)
                    notes.Add($"not searchable yet: {key}: {pending:N0} chunks are not embedded yet (run {run.RunId} stopped at its budget); digest it again to continue");
            }
        }
        return notes;
    }
}
