using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Noa.Storage.Postgres;

/// <summary>
/// Runs, stage attempts, run artifacts and the audit trail in Postgres, with the schema the SQLite store
/// uses (<see cref="MetadataSchema"/>), so values are the same TEXT in both and a database can move between them.
/// </summary>
public sealed partial class PostgresMetadataStore : IRunStore, IAuditLog, IAsyncDisposable, IDisposable
{
    private readonly PostgresDatabase _db;

    /// <summary>Creates the store; the schema is migrated on first use.</summary>
    public PostgresMetadataStore(IOptions<PostgresSettings> settings, ILogger<PostgresMetadataStore> logger) =>
        _db = new PostgresDatabase(settings.Value, logger);

    /// <inheritdoc />
    public Task SaveRunAsync(RunRecord run, CancellationToken cancellationToken = default) =>
        ExecuteAsync($"""
            INSERT INTO runs (run_id, workflow, state, request, reason, created_at, updated_at)
            VALUES (@id, @workflow, @state, @request, @reason, @created, @updated)
            ON CONFLICT (run_id) DO UPDATE SET workflow = excluded.workflow, state = excluded.state,
                request = excluded.request, reason = excluded.reason,
                created_at = excluded.created_at, updated_at = excluded.updated_at,
                {RunLeaseSql.KeepCancelRequest};
            """, p =>
        {
            Text(p, "id", run.RunId);
            Text(p, "workflow", run.Workflow);
            Text(p, "state", SqlText.Enum(run.State));
            Text(p, "request", JsonSerializer.Serialize(run.Request, SqlText.Json));
            Text(p, "reason", run.Reason);
            Text(p, "created", SqlText.Time(run.CreatedAt));
            Text(p, "updated", SqlText.Time(run.UpdatedAt));
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var runs = await QueryAsync($"{MetadataRows.RunColumns} WHERE run_id = @id;", p => Text(p, "id", runId), MetadataRows.Run, cancellationToken);
        return runs.Count == 0 ? null : runs[0];
    }

    /// <inheritdoc />
    public async Task<bool> TryLeaseRunAsync(string runId, string owner, DateTimeOffset now, DateTimeOffset until, string? replacing = null,
        CancellationToken cancellationToken = default) =>
        await ExecuteAsync(RunLeaseSql.Take, p =>
        {
            Text(p, "id", runId);
            Text(p, "owner", owner);
            Text(p, "now", SqlText.Time(now));
            Text(p, "until", SqlText.Time(until));
            Text(p, "replacing", replacing);
        }, cancellationToken) == 1;

    /// <inheritdoc />
    public Task ReleaseRunAsync(string runId, string owner, CancellationToken cancellationToken = default) =>
        ExecuteAsync(RunLeaseSql.Release, p =>
        {
            Text(p, "id", runId);
            Text(p, "owner", owner);
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> RequestCancelAsync(string runId, string requestedBy, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(RunLeaseSql.RequestCancel, p =>
        {
            Text(p, "id", runId);
            Text(p, "by", requestedBy);
        }, cancellationToken) == 1;

    /// <inheritdoc />
    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken = default) =>
        QueryAsync($"{MetadataRows.RunColumns} WHERE (@state IS NULL OR state = @state) ORDER BY created_at DESC, run_id COLLATE \"C\" DESC LIMIT @limit;", p =>
        {
            Text(p, "state", query.State is { } s ? SqlText.Enum(s) : null);
            p.AddWithValue("limit", Math.Max(0, query.Limit));
        }, MetadataRows.Run, cancellationToken);

    /// <inheritdoc />
    public Task SaveAttemptAsync(StageAttempt attempt, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            INSERT INTO stage_attempts (run_id, stage, attempt, status, started_at, ended_at, summary, error_type, message, worker, heartbeat_at)
            VALUES (@run, @stage, @attempt, @status, @started, @ended, @summary, @errorType, @message, @worker, @heartbeat)
            ON CONFLICT (run_id, stage, attempt) DO UPDATE SET status = excluded.status,
                started_at = excluded.started_at, ended_at = excluded.ended_at, summary = excluded.summary,
                error_type = excluded.error_type, message = excluded.message,
                worker = COALESCE(excluded.worker, stage_attempts.worker),
                heartbeat_at = COALESCE(excluded.heartbeat_at, stage_attempts.heartbeat_at)
            WHERE stage_attempts.status IS NULL OR excluded.status IS NOT NULL;
            """, p =>
        {
            Text(p, "run", attempt.RunId);
            Text(p, "stage", attempt.Stage);
            p.AddWithValue("attempt", attempt.Attempt);
            Text(p, "status", attempt.Status is { } s ? SqlText.Enum(s) : null);
            Text(p, "started", SqlText.Time(attempt.StartedAt));
            Text(p, "ended", attempt.EndedAt is { } e ? SqlText.Time(e) : null);
            Text(p, "summary", attempt.Summary);
            Text(p, "errorType", attempt.ErrorType);
            Text(p, "message", attempt.Message);
            Text(p, "worker", attempt.Worker);
            Text(p, "heartbeat", attempt.HeartbeatAt is { } h ? SqlText.Time(h) : null);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StageAttempt>> GetAttemptsAsync(string runId, CancellationToken cancellationToken = default) =>
        QueryAsync("""
            SELECT run_id, stage, attempt, status, started_at, ended_at, summary, error_type, message, worker, heartbeat_at
            FROM stage_attempts WHERE run_id = @run ORDER BY started_at, stage COLLATE "C", attempt;
            """, p => Text(p, "run", runId), MetadataRows.Attempt, cancellationToken);

    /// <inheritdoc />
    public Task SaveArtifactAsync(RunArtifact artifact, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            INSERT INTO artifacts (run_id, path, sha256, size, media_type, stage)
            VALUES (@run, @path, @sha, @size, @media, @stage)
            ON CONFLICT (run_id, path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size,
                media_type = excluded.media_type, stage = excluded.stage;
            """, p =>
        {
            Text(p, "run", artifact.RunId);
            Text(p, "path", artifact.Path);
            Text(p, "sha", artifact.Sha256);
            p.AddWithValue("size", artifact.Size);
            Text(p, "media", artifact.MediaType);
            Text(p, "stage", artifact.Stage);
        }, cancellationToken);

    // COLLATE "C": bundle paths in ordinal order whatever the database's collation (SQLite's BINARY does the same).
    /// <inheritdoc />
    public Task<IReadOnlyList<RunArtifact>> GetArtifactsAsync(string runId, CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT run_id, path, sha256, size, media_type, stage FROM artifacts WHERE run_id = @run ORDER BY path COLLATE \"C\";",
            p => Text(p, "run", runId),
            MetadataRows.Artifact,
            cancellationToken);

    /// <inheritdoc />
    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default) =>
        ExecuteAsync("INSERT INTO audit (at, actor, action, run_id, subject, detail) VALUES (@at, @actor, @action, @run, @subject, @detail);", p =>
        {
            Text(p, "at", SqlText.Time(record.At));
            Text(p, "actor", record.Actor);
            Text(p, "action", record.Action);
            Text(p, "run", record.RunId);
            Text(p, "subject", record.Subject);
            Text(p, "detail", record.Detail);
        }, cancellationToken);

    // No COLLATE on the timestamps, so the indexes serve: fixed-width text with its punctuation in the same
    // places sorts by its digits, which is time order, in every collation.
    /// <inheritdoc />
    public Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        QueryAsync("""
            SELECT at, actor, action, run_id, subject, detail FROM audit
            WHERE (@run IS NULL OR run_id = @run) AND (@action IS NULL OR action = @action) AND (@since IS NULL OR at >= @since)
            ORDER BY at, id LIMIT @limit;
            """, p =>
        {
            Text(p, "run", query.RunId);
            Text(p, "action", query.Action);
            Text(p, "since", query.Since is { } since ? SqlText.Time(since) : null);
            p.AddWithValue("limit", Math.Max(0, query.Limit));
        }, MetadataRows.Audit, cancellationToken);

    /// <summary>The highest applied migration; used by the health check.</summary>
    internal async Task<long> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        var versions = await QueryAsync("SELECT COALESCE(MAX(version), 0) FROM schema_migrations;", _ => { }, r => (long)r.GetInt32(0), cancellationToken);
        return versions[0];
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _db.DisposeAsync();

    /// <inheritdoc />
    public void Dispose() => _db.Dispose();



    // Typed even when null: Postgres cannot infer the type of an untyped null in "@p IS NULL".
    private static void Text(NpgsqlParameterCollection parameters, string name, string? value) =>
        parameters.Add(name, NpgsqlDbType.Text).Value = value is null ? DBNull.Value : value;

    private async Task<int> ExecuteAsync(string sql, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
    {
        await using var connection = await _db.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command.Parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Action<NpgsqlParameterCollection> bind, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await _db.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(read(reader));
        return rows;
    }
}
