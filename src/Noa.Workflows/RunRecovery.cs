using Microsoft.Extensions.Logging;
using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>
/// Finds the open runs that no process executes, from the run store alone (so it works on every bus, the in-process one
/// included, whose requests die with their process): running runs whose lease ran out or whose holder is gone (killed,
/// or interrupted by a shutdown), and queued runs while <c>runs.requests</c> holds no request at all (their request was lost).
/// A found run is ended when it was asked to be cancelled or has been resumed <see cref="RunSchedulerOptions.MaxRecoveries"/>
/// times already; otherwise the scheduler resumes it.
/// </summary>
internal sealed partial class RunRecovery(WorkflowEngine engine, IRunStore runs, IAuditLog audit, IMessageBus bus, TimeProvider time,
    RunSchedulerOptions options, ILogger logger)
{
    private const int MaxPerPass = 1000;

    /// <summary>The open runs nobody executes, oldest first.</summary>
    public async Task<IReadOnlyList<RunRecord>> FindAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow();
            var open = (await runs.ListRunsAsync(new RunQuery(RunState.Running, MaxPerPass), cancellationToken)).ToList();
            // A queued run normally has its StartRun on the bus; only when the bus holds none is a queued run's request lost.
            if (await bus.GetLagAsync(StartRun.Stream, StartRun.Group, cancellationToken) == 0)
                open.AddRange(await runs.ListRunsAsync(new RunQuery(RunState.Queued, MaxPerPass), cancellationToken));
            return [.. open.Where(r => !engine.IsExecuting(r.RunId) && !IsHeld(r, now)).OrderBy(r => r.CreatedAt)];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A store or bus outage: the next pass tries again.
            Log.RecoveryFailed(logger, e);
            return [];
        }
    }

    /// <summary>Ends <paramref name="run"/> when it must not be resumed; true when it was ended (or is no longer this pass's to handle).</summary>
    public async Task<bool> TryEndAsync(RunRecord run)
    {
        try
        {
            if (run.CancelRequestedBy is { } by)
            {
                await engine.TryEndOrphanAsync(run.RunId, RunState.Cancelled, $"cancelled by {by}", by);
                return true;
            }
            var resumes = (await audit.QueryAsync(new AuditQuery(run.RunId, "RunResumed", Limit: options.MaxRecoveries), CancellationToken.None)).Count;
            if (resumes >= options.MaxRecoveries)
            {
                var reason = $"the process executing it stopped {resumes + 1} times (last holder {run.Owner ?? "unknown"}); not resumed again";
                Log.RunAbandonedForGood(logger, run.RunId, resumes);
                await engine.TryEndOrphanAsync(run.RunId, RunState.Failed, reason, RunJournal.System);
                return true;
            }
            return false;
        }
        catch (Exception e)
        {
            Log.RecoveryFailed(logger, e);
            return true;
        }
    }

    // Held by a live process: a lease not yet run out whose holder is not known to be gone.
    private bool IsHeld(RunRecord run, DateTimeOffset now) =>
        run.Owner is not null && run.LeaseUntil is { } until && until >= now && !RunOwner.IsGone(run.Owner, engine.Owner);

    private static partial class Log
    {
        [LoggerMessage(LogEvents.RecoveryFailed, LogLevel.Warning, "Looking for or ending orphaned runs failed; the next pass tries again")]
        public static partial void RecoveryFailed(ILogger logger, Exception exception);

        [LoggerMessage(LogEvents.RunAbandonedForGood, LogLevel.Error, "Run {RunId} was resumed {Resumes} times and its process stopped each time; failing it")]
        public static partial void RunAbandonedForGood(ILogger logger, string runId, int resumes);
    }
}
