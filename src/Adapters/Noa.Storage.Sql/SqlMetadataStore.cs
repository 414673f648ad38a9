using System.Data.Common;
using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Storage.Sql;

/// <summary>
/// The metadata store: runs, stage attempts, run artifacts, the audit trail, API keys and policies, as one set of
/// statements over <see cref="DbConnection"/> for every database it runs on. What differs between databases is
/// isolated in a small dialect (tokens in the SQL) and in how the provider opens connections and serialises
/// migrations; the SQLite and Postgres stores are that and nothing else.
/// </summary>
public abstract partial class SqlMetadataStore : IRunStore, IAuditLog, IAsyncDisposable, IDisposable
{
    private readonly ISqlConnectionSource _db;

    internal SqlMetadataStore(ISqlConnectionSource db) => _db = db;

    // The tenant is written on insert only: an update (a state change, a resume) never moves a run to another tenant.
    // The trace context and the usable time are written once: the first one stored stays, whatever a later save carries.
    /// <inheritdoc />
    public Task SaveRunAsync(RunRecord run, CancellationToken cancellationToken = default) =>
        ExecuteAsync($"""
            INSERT INTO runs (run_id, workflow, state, request, reason, created_at, updated_at, tenant, trace_parent, usable_at)
            VALUES (@id, @workflow, @state, @request, @reason, @created, @updated, @tenant, @trace, @usable)
            ON CONFLICT (run_id) DO UPDATE SET workflow = excluded.workflow, state = excluded.state,
                request = excluded.request, reason = excluded.reason,
                created_at = excluded.created_at, updated_at = excluded.updated_at,
                trace_parent = COALESCE(runs.trace_parent, excluded.trace_parent),
                usable_at = COALESCE(runs.usable_at, excluded.usable_at),
                {RunLeaseSql.SaveAssignments};
            """, p => p
            .Text("tenant", run.Request.Tenant)
            .Text("trace", run.TraceParent)
            .Time("usable", run.UsableAt)
            .Text("id", run.RunId)
            .Text("workflow", run.Workflow)
            .Text("state", SqlText.Enum(run.State))
            .Text("request", JsonSerializer.Serialize(run.Request, SqlText.Json))
            .Text("reason", run.Reason)
            .Time("created", run.CreatedAt)
            .Time("updated", run.UpdatedAt), cancellationToken);

    /// <inheritdoc />
    public async Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var runs = await QueryAsync($"{MetadataRows.RunColumns} WHERE run_id = @id;", p => p.Text("id", runId), MetadataRows.Run, cancellationToken);
        return runs.Count == 0 ? null : runs[0];
    }

    /// <inheritdoc />
    public async Task<bool> TryLeaseRunAsync(string runId, string owner, DateTimeOffset now, DateTimeOffset until, string? replacing = null,
        CancellationToken cancellationToken = default) =>
        await ExecuteAsync(RunLeaseSql.Take, p => p
            .Text("id", runId)
            .Text("owner", owner)
            .Time("now", now)
            .Time("until", until)
            .Text("replacing", replacing), cancellationToken) == 1;

    /// <inheritdoc />
    public Task ReleaseRunAsync(string runId, string owner, CancellationToken cancellationToken = default) =>
        ExecuteAsync(RunLeaseSql.Release, p => p.Text("id", runId).Text("owner", owner), cancellationToken);

    /// <inheritdoc />
    public async Task<bool> RequestCancelAsync(string runId, string requestedBy, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(RunLeaseSql.RequestCancel, p => p.Text("id", runId).Text("by", requestedBy), cancellationToken) == 1;

    /// <inheritdoc />
    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken = default) =>
        QueryAsync(MetadataRows.RunColumns + """
             WHERE (@state IS NULL OR state = @state) AND (@tenant IS NULL OR tenant = @tenant)
            ORDER BY created_at DESC, run_id{ordinal} DESC LIMIT @limit;
            """, p => p
            .Text("state", query.State is { } s ? SqlText.Enum(s) : null)
            .Text("tenant", query.Tenant)
            .Int32("limit", Math.Max(0, query.Limit)), MetadataRows.Run, cancellationToken);

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
            """, p => p
            .Text("run", attempt.RunId)
            .Text("stage", attempt.Stage)
            .Int32("attempt", attempt.Attempt)
            .Text("status", attempt.Status is { } s ? SqlText.Enum(s) : null)
            .Time("started", attempt.StartedAt)
            .Time("ended", attempt.EndedAt)
            .Text("summary", attempt.Summary)
            .Text("errorType", attempt.ErrorType)
            .Text("message", attempt.Message)
            .Text("worker", attempt.Worker)
            .Time("heartbeat", attempt.HeartbeatAt), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StageAttempt>> GetAttemptsAsync(string runId, CancellationToken cancellationToken = default) =>
        QueryAsync("""
            SELECT run_id, stage, attempt, status, started_at, ended_at, summary, error_type, message, worker, heartbeat_at
            FROM stage_attempts WHERE run_id = @run ORDER BY started_at, stage{ordinal}, attempt;
            """, p => p.Text("run", runId), MetadataRows.Attempt, cancellationToken);

    /// <inheritdoc />
    public Task SaveArtifactAsync(RunArtifact artifact, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            INSERT INTO artifacts (run_id, path, sha256, size, media_type, stage)
            VALUES (@run, @path, @sha, @size, @media, @stage)
            ON CONFLICT (run_id, path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size,
                media_type = excluded.media_type, stage = excluded.stage;
            """, p => p
            .Text("run", artifact.RunId)
            .Text("path", artifact.Path)
            .Text("sha", artifact.Sha256)
            .Int64("size", artifact.Size)
            .Text("media", artifact.MediaType)
            .Text("stage", artifact.Stage), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<RunArtifact>> GetArtifactsAsync(string runId, CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT run_id, path, sha256, size, media_type, stage FROM artifacts WHERE run_id = @run ORDER BY path{ordinal};",
            p => p.Text("run", runId), MetadataRows.Artifact, cancellationToken);

    /// <inheritdoc />
    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default) =>
        ExecuteAsync("INSERT INTO audit (at, actor, action, run_id, subject, detail) VALUES (@at, @actor, @action, @run, @subject, @detail);", p => p
            .Time("at", record.At)
            .Text("actor", record.Actor)
            .Text("action", record.Action)
            .Text("run", record.RunId)
            .Text("subject", record.Subject)
            .Text("detail", record.Detail), cancellationToken);

    // No collation on the timestamps, so the indexes serve: fixed-width text with its punctuation in the same
    // places sorts by its digits, which is time order, in every collation.
    /// <inheritdoc />
    public Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        QueryAsync("""
            SELECT at, actor, action, run_id, subject, detail FROM audit
            WHERE (@run IS NULL OR run_id = @run) AND (@action IS NULL OR action = @action) AND (@since IS NULL OR at >= @since)
            ORDER BY at, id LIMIT @limit;
            """, p => p
            .Text("run", query.RunId)
            .Text("action", query.Action)
            .Time("since", query.Since)
            .Int32("limit", Math.Max(0, query.Limit)), MetadataRows.Audit, cancellationToken);

    /// <summary>The highest applied migration; used by the health checks.</summary>
    internal async Task<long> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        var versions = await QueryAsync("SELECT COALESCE(MAX(version), 0) FROM schema_migrations;", _ => { },
            r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        return versions[0];
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _db.DisposeAsync();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        GC.SuppressFinalize(this);
        _db.Dispose();
    }

    private async Task<int> ExecuteAsync(string sql, Action<SqlParameters> bind, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteOnceAsync(sql, bind, cancellationToken);
        }
        catch (DbException e) when (_db.MadeRoomFor(e))
        {
            return await ExecuteOnceAsync(sql, bind, cancellationToken);
        }
    }

    private async Task<int> ExecuteOnceAsync(string sql, Action<SqlParameters> bind, CancellationToken cancellationToken)
    {
        await using var connection = await _db.OpenAsync(cancellationToken);
        await using var command = Command(connection, sql, bind);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Action<SqlParameters> bind, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await _db.OpenAsync(cancellationToken);
        await using var command = Command(connection, sql, bind);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(read(reader));
        return rows;
    }

    private DbCommand Command(DbConnection connection, string sql, Action<SqlParameters> bind)
    {
        var command = connection.CreateCommand();
        command.CommandText = _db.Dialect.Render(sql);
        bind(new SqlParameters(command));
        return command;
    }
}
