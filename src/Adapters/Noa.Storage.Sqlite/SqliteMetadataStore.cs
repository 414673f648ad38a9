using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Storage.Sqlite;

/// <summary>Runs, stage attempts, run artifacts and the audit trail in one SQLite file.</summary>
public sealed partial class SqliteMetadataStore : IRunStore, IAuditLog
{
    private const int SqliteFull = 13;
    private readonly SqliteDatabase _db;

    /// <summary>Opens the database and applies pending schema migrations.</summary>
    public SqliteMetadataStore(IOptions<SqliteSettings> settings, ILogger<SqliteMetadataStore> logger) =>
        _db = new SqliteDatabase(settings.Value.ConnectionString, logger);

    /// <inheritdoc />
    public Task SaveRunAsync(RunRecord run, CancellationToken cancellationToken = default) =>
        ExecuteAsync($"""
            INSERT INTO runs (run_id, workflow, state, request, reason, created_at, updated_at)
            VALUES ($id, $workflow, $state, $request, $reason, $created, $updated)
            ON CONFLICT (run_id) DO UPDATE SET workflow = excluded.workflow, state = excluded.state,
                request = excluded.request, reason = excluded.reason,
                created_at = excluded.created_at, updated_at = excluded.updated_at,
                {RunLeaseSql.KeepCancelRequest};
            """, p =>
        {
            p.AddWithValue("$id", run.RunId);
            p.AddWithValue("$workflow", run.Workflow);
            p.AddWithValue("$state", SqlText.Enum(run.State));
            p.AddWithValue("$request", JsonSerializer.Serialize(run.Request, SqlText.Json));
            p.AddWithValue("$reason", SqlText.OrNull(run.Reason));
            p.AddWithValue("$created", SqlText.Time(run.CreatedAt));
            p.AddWithValue("$updated", SqlText.Time(run.UpdatedAt));
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var runs = await QueryAsync($"{MetadataRows.RunColumns} WHERE run_id = $id;", p => p.AddWithValue("$id", runId), MetadataRows.Run, cancellationToken);
        return runs.Count == 0 ? null : runs[0];
    }

    /// <inheritdoc />
    public async Task<bool> TryLeaseRunAsync(string runId, string owner, DateTimeOffset now, DateTimeOffset until, string? replacing = null,
        CancellationToken cancellationToken = default) =>
        await ExecuteAsync(RunLeaseSql.Take, p =>
        {
            p.AddWithValue("@id", runId);
            p.AddWithValue("@owner", owner);
            p.AddWithValue("@now", SqlText.Time(now));
            p.AddWithValue("@until", SqlText.Time(until));
            p.AddWithValue("@replacing", SqlText.OrNull(replacing));
        }, cancellationToken) == 1;

    /// <inheritdoc />
    public Task ReleaseRunAsync(string runId, string owner, CancellationToken cancellationToken = default) =>
        ExecuteAsync(RunLeaseSql.Release, p =>
        {
            p.AddWithValue("@id", runId);
            p.AddWithValue("@owner", owner);
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> RequestCancelAsync(string runId, string requestedBy, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(RunLeaseSql.RequestCancel, p =>
        {
            p.AddWithValue("@id", runId);
            p.AddWithValue("@by", requestedBy);
        }, cancellationToken) == 1;

    /// <inheritdoc />
    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken = default) =>
        QueryAsync($"{MetadataRows.RunColumns} WHERE ($state IS NULL OR state = $state) ORDER BY created_at DESC, run_id DESC LIMIT $limit;", p =>
        {
            p.AddWithValue("$state", query.State is { } s ? SqlText.Enum(s) : DBNull.Value);
            p.AddWithValue("$limit", Math.Max(0, query.Limit));
        }, MetadataRows.Run, cancellationToken);

    /// <inheritdoc />
    public Task SaveAttemptAsync(StageAttempt attempt, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            INSERT INTO stage_attempts (run_id, stage, attempt, status, started_at, ended_at, summary, error_type, message, worker, heartbeat_at)
            VALUES ($run, $stage, $attempt, $status, $started, $ended, $summary, $errorType, $message, $worker, $heartbeat)
            ON CONFLICT (run_id, stage, attempt) DO UPDATE SET status = excluded.status,
                started_at = excluded.started_at, ended_at = excluded.ended_at, summary = excluded.summary,
                error_type = excluded.error_type, message = excluded.message,
                worker = COALESCE(excluded.worker, stage_attempts.worker),
                heartbeat_at = COALESCE(excluded.heartbeat_at, stage_attempts.heartbeat_at)
            WHERE stage_attempts.status IS NULL OR excluded.status IS NOT NULL;
            """, p =>
        {
            p.AddWithValue("$run", attempt.RunId);
            p.AddWithValue("$stage", attempt.Stage);
            p.AddWithValue("$attempt", attempt.Attempt);
            p.AddWithValue("$status", attempt.Status is { } s ? SqlText.Enum(s) : DBNull.Value);
            p.AddWithValue("$started", SqlText.Time(attempt.StartedAt));
            p.AddWithValue("$ended", SqlText.TimeOrNull(attempt.EndedAt));
            p.AddWithValue("$summary", SqlText.OrNull(attempt.Summary));
            p.AddWithValue("$errorType", SqlText.OrNull(attempt.ErrorType));
            p.AddWithValue("$message", SqlText.OrNull(attempt.Message));
            p.AddWithValue("$worker", SqlText.OrNull(attempt.Worker));
            p.AddWithValue("$heartbeat", SqlText.TimeOrNull(attempt.HeartbeatAt));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StageAttempt>> GetAttemptsAsync(string runId, CancellationToken cancellationToken = default) =>
        QueryAsync("""
            SELECT run_id, stage, attempt, status, started_at, ended_at, summary, error_type, message, worker, heartbeat_at
            FROM stage_attempts WHERE run_id = $run ORDER BY started_at, stage, attempt;
            """, p => p.AddWithValue("$run", runId), MetadataRows.Attempt, cancellationToken);

    /// <inheritdoc />
    public Task SaveArtifactAsync(RunArtifact artifact, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            INSERT INTO artifacts (run_id, path, sha256, size, media_type, stage)
            VALUES ($run, $path, $sha, $size, $media, $stage)
            ON CONFLICT (run_id, path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size,
                media_type = excluded.media_type, stage = excluded.stage;
            """, p =>
        {
            p.AddWithValue("$run", artifact.RunId);
            p.AddWithValue("$path", artifact.Path);
            p.AddWithValue("$sha", artifact.Sha256);
            p.AddWithValue("$size", artifact.Size);
            p.AddWithValue("$media", artifact.MediaType);
            p.AddWithValue("$stage", artifact.Stage);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<RunArtifact>> GetArtifactsAsync(string runId, CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT run_id, path, sha256, size, media_type, stage FROM artifacts WHERE run_id = $run ORDER BY path;",
            p => p.AddWithValue("$run", runId),
            MetadataRows.Artifact,
            cancellationToken);

    /// <inheritdoc />
    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default) =>
        ExecuteAsync("INSERT INTO audit (at, actor, action, run_id, subject, detail) VALUES ($at, $actor, $action, $run, $subject, $detail);", p =>
        {
            p.AddWithValue("$at", SqlText.Time(record.At));
            p.AddWithValue("$actor", record.Actor);
            p.AddWithValue("$action", record.Action);
            p.AddWithValue("$run", SqlText.OrNull(record.RunId));
            p.AddWithValue("$subject", SqlText.OrNull(record.Subject));
            p.AddWithValue("$detail", SqlText.OrNull(record.Detail));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        QueryAsync("""
            SELECT at, actor, action, run_id, subject, detail FROM audit
            WHERE ($run IS NULL OR run_id = $run) AND ($action IS NULL OR action = $action) AND ($since IS NULL OR at >= $since)
            ORDER BY at, id LIMIT $limit;
            """, p =>
        {
            p.AddWithValue("$run", SqlText.OrNull(query.RunId));
            p.AddWithValue("$action", SqlText.OrNull(query.Action));
            p.AddWithValue("$since", SqlText.TimeOrNull(query.Since));
            p.AddWithValue("$limit", Math.Max(0, query.Limit));
        }, MetadataRows.Audit, cancellationToken);

    /// <summary>The highest applied migration; used by the health check.</summary>
    internal async Task<long> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        var versions = await QueryAsync("SELECT COALESCE(MAX(version), 0) FROM schema_migrations;", _ => { }, r => r.GetInt64(0), cancellationToken);
        return versions[0];
    }



    private async Task<int> ExecuteAsync(string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteOnceAsync(sql, bind, cancellationToken);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteFull && _db.ReleaseReserve())
        {
            // The disk is full: the reserve makes room for this write (typically the run's failure and its reason).
            return await ExecuteOnceAsync(sql, bind, cancellationToken);
        }
    }

    private async Task<int> ExecuteOnceAsync(string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        await using var connection = await _db.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command.Parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Action<SqliteParameterCollection> bind, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await _db.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(read(reader));
        return rows;
    }
}
