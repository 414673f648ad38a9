using Noa.Abstractions;

namespace Noa.Workflows;

public sealed partial class WorkflowEngine
{
    /// <summary>
    /// Ends an open run that no live process executes (queued with its request lost, or running with its holder gone or its
    /// lease run out): takes its lease, closes its open attempts, records <paramref name="state"/> with <paramref name="reason"/>,
    /// journals <c>RunCompleted</c> (audit and <c>runs.events</c>, so event streams end) and removes its workspace.
    /// False, changing nothing, when the run has ended, executes here, or another live process holds it.
    /// </summary>
    internal async Task<bool> TryEndOrphanAsync(string runId, RunState state, string reason, string actor)
    {
        if (_active.ContainsKey(runId) || await _services.Runs.GetRunAsync(runId, CancellationToken.None) is not { State: RunState.Queued or RunState.Running } run
            || !await RunLeaseKeeper.TakeAsync(_services, run, Owner))
            return false;
        try
        {
            var now = _services.Time.GetUtcNow();
            foreach (var open in (await _services.Runs.GetAttemptsAsync(runId, CancellationToken.None)).Where(a => a.Status is null))
            {
                await _services.Runs.SaveAttemptAsync(open with
                {
                    Status = StageStatus.Failed, EndedAt = now, ErrorType = state == RunState.Cancelled ? StageActivity.Cancelled : "Abandoned", Message = reason,
                }, CancellationToken.None);
            }
            await _services.Runs.SaveRunAsync(run with { State = state, Reason = reason, UpdatedAt = now }, CancellationToken.None);
            await using (var journal = new RunJournal(runId, _services.Audit, _services.Bus, _services.Time, _services.Logger))
                await journal.RecordAsync("RunCompleted", status: Camel(state), message: reason, actor: actor);
            Log.RunEndedOrphaned(_services.Logger, runId, state, reason);
        }
        finally
        {
            await ReleaseLeaseAsync(runId);
            DeleteWorkspace(Path.Combine(Path.GetFullPath(_services.Options.WorkspaceRoot), runId));
        }
        return true;
    }
}
