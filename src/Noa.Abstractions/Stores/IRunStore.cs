namespace Noa.Abstractions;

/// <summary>
/// Durable state of workflow runs: runs, stage attempts and the artifacts each run produced.
/// Implementations: SQLite (embedded), Postgres. All writes are idempotent upserts.
/// </summary>
public interface IRunStore
{
    /// <summary>Creates or replaces a run record.</summary>
    Task SaveRunAsync(RunRecord run, CancellationToken cancellationToken = default);

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
