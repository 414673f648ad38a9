namespace Noa.Abstractions;

/// <summary>
/// Durable state of workflow runs: runs, stage attempts and the artifacts each run produced.
/// Implementations: SQLite (embedded), Postgres. All writes are idempotent upserts.
/// </summary>
public interface IRunStore
{
    /// <summary>Creates or replaces a run record; its lease (<see cref="RunRecord.Owner"/>, <see cref="RunRecord.LeaseUntil"/>) and
    /// cancel request are kept, except that opening an ended run again (as queued or running) clears its cancel request.</summary>
    Task SaveRunAsync(RunRecord run, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes or renews the lease of an open run (queued or running) for <paramref name="owner"/> until <paramref name="until"/>,
    /// atomically: it succeeds when nobody holds the lease, <paramref name="owner"/> holds it, its holder's lease ended before
    /// <paramref name="now"/>, or the holder is <paramref name="replacing"/> (a holder known to be gone). False when another live
    /// holder has it, or the run has ended or does not exist.
    /// </summary>
    Task<bool> TryLeaseRunAsync(string runId, string owner, DateTimeOffset now, DateTimeOffset until, string? replacing = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gives up <paramref name="owner"/>'s lease of a run (nothing happens if someone else holds it), so that another process may take it at once.</summary>
    Task ReleaseRunAsync(string runId, string owner, CancellationToken cancellationToken = default);

    /// <summary>Records that <paramref name="requestedBy"/> asked for an open run to be cancelled; false when the run has ended or does not exist.</summary>
    Task<bool> RequestCancelAsync(string runId, string requestedBy, CancellationToken cancellationToken = default);

    /// <summary>Returns a run, or null.</summary>
    Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Lists runs, newest first.</summary>
    Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the attempt identified by run, stage and attempt number.</summary>
    Task SaveAttemptAsync(StageAttempt attempt, CancellationToken cancellationToken = default);

    /// <summary>Every attempt of a run, by start time.</summary>
    Task<IReadOnlyList<StageAttempt>> GetAttemptsAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Binds a bundle path of a run to stored content (replaces an earlier binding of the same path).</summary>
    Task SaveArtifactAsync(RunArtifact artifact, CancellationToken cancellationToken = default);

    /// <summary>Every artifact of a run, by path.</summary>
    Task<IReadOnlyList<RunArtifact>> GetArtifactsAsync(string runId, CancellationToken cancellationToken = default);
}
