using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>
/// Removes leftover run workspaces (<c>{WorkspaceRoot}/{runId}</c>) at startup and every
/// <see cref="WorkflowOptions.WorkspaceSweepInterval"/>: those of runs that have ended or that the run store does not know.
/// An engine removes a run's workspace itself when the run ends; leftovers come from processes that were killed, workers of
/// other processes' runs and failed deletes. A workspace of an open run (queued or running, here or anywhere) is never
/// touched, and neither is anything that is not named like a run id.
/// </summary>
internal sealed partial class WorkspaceJanitor(WorkflowEngine engine, IRunStore runs, TimeProvider time, IOptions<WorkflowOptions> options,
    ILogger<WorkspaceJanitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.WorkspaceSweepInterval;
        if (interval <= TimeSpan.Zero)
            return;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await SweepAsync(stoppingToken);
                await Task.Delay(interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass; returns the run ids whose workspace was removed.</summary>
    internal async Task<IReadOnlyList<string>> SweepAsync(CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(options.Value.WorkspaceRoot);
        var removed = new List<string>();
        if (!Directory.Exists(root))
            return removed;
        try
        {
            foreach (var folder in new DirectoryInfo(root).EnumerateDirectories())
            {
                var runId = folder.Name;
                if (!RunIds.IsValid(runId) || folder.LinkTarget is not null || engine.IsExecuting(runId))
                    continue;
                if (await runs.GetRunAsync(runId, cancellationToken) is { State: RunState.Queued or RunState.Running })
                    continue;
                // Checked again right before the delete: a run may have started here meanwhile.
                if (engine.IsExecuting(runId))
                    continue;
                TreeDelete.Delete(folder.FullName);
                removed.Add(runId);
                Log.WorkspaceSwept(logger, runId, folder.FullName);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Log.JanitorFailed(logger, e, root);
        }
        return removed;
    }

    private static partial class Log
    {
        [LoggerMessage(LogEvents.WorkspaceSwept, LogLevel.Information, "Removed the leftover workspace of run {RunId}: {Folder}")]
        public static partial void WorkspaceSwept(ILogger logger, string runId, string folder);

        [LoggerMessage(LogEvents.JanitorFailed, LogLevel.Warning, "Sweeping leftover workspaces under {Root} failed; the next pass tries again")]
        public static partial void JanitorFailed(ILogger logger, Exception exception, string root);
    }
}
