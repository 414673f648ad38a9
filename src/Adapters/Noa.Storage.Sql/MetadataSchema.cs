namespace Noa.Storage.Sql;

/// <summary>
/// The metadata schema shared by the SQLite and Postgres stores, as numbered migrations. The SQL keeps
/// to what both share; the few dialect points are the tokens of <see cref="SqlDialect"/>.
/// The SQLite rendering of migration 1 is, byte for byte, the script SQLite databases were created with.
/// Never edit a released migration; append a new one.
/// </summary>
internal static class MetadataSchema
{
    private static readonly Migration[] Templates =
    [
        new(1, "runs, stage attempts, artifacts, audit", """
            CREATE TABLE runs (
                run_id     TEXT NOT NULL PRIMARY KEY,
                workflow   TEXT NOT NULL,
                state      TEXT NOT NULL,
                request    TEXT NOT NULL,
                reason     TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE INDEX ix_runs_created ON runs (created_at);
            CREATE INDEX ix_runs_state_created ON runs (state, created_at);

            CREATE TABLE stage_attempts (
                run_id     TEXT NOT NULL,
                stage      TEXT NOT NULL,
                attempt    INTEGER NOT NULL,
                status     TEXT,
                started_at TEXT NOT NULL,
                ended_at   TEXT,
                summary    TEXT,
                error_type TEXT,
                message    TEXT,
                PRIMARY KEY (run_id, stage, attempt)
            );

            CREATE TABLE artifacts (
                run_id     TEXT NOT NULL,
                path       TEXT NOT NULL,
                sha256     TEXT NOT NULL,
                size       {int64} NOT NULL,
                media_type TEXT NOT NULL,
                stage      TEXT NOT NULL,
                PRIMARY KEY (run_id, path)
            );

            CREATE TABLE audit (
                id      {id},
                at      TEXT NOT NULL,
                actor   TEXT NOT NULL,
                action  TEXT NOT NULL,
                run_id  TEXT,
                subject TEXT,
                detail  TEXT
            );
            CREATE INDEX ix_audit_run ON audit (run_id, at);
            CREATE INDEX ix_audit_at ON audit (at);
            """),
        // Split topology: an attempt runs on some worker process while the engine (or a resume) runs in
        // another. Which worker holds it and when it last heartbeat tell a live attempt from an abandoned
        // one; the partial index is the reaper's scan of attempts still running.
        new(2, "stage attempt worker and heartbeat", """
            ALTER TABLE stage_attempts ADD COLUMN worker TEXT;
            ALTER TABLE stage_attempts ADD COLUMN heartbeat_at TEXT;
            CREATE INDEX ix_stage_attempts_running ON stage_attempts (heartbeat_at) WHERE status IS NULL;
            """),
        // The gateway: API keys are stored as the SHA-256 of their secret, scopes as a JSON array; a revoked
        // key keeps its row so the audit trail's actor ids stay explainable. Policies are named JSON documents.
        new(3, "api keys and policies", """
            CREATE TABLE api_keys (
                key_id      TEXT NOT NULL PRIMARY KEY,
                name        TEXT NOT NULL,
                secret_hash TEXT NOT NULL,
                scopes      TEXT NOT NULL,
                created_at  TEXT NOT NULL,
                created_by  TEXT NOT NULL,
                revoked_at  TEXT
            );

            CREATE TABLE policies (
                name       TEXT NOT NULL PRIMARY KEY,
                content    TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                updated_by TEXT NOT NULL
            );
            """),
        // Tenancy: a run belongs to the tenant that asked for it, and a key says which tenant it acts for (NULL: its
        // own id). Runs stored before belong to the key that queued them (gateway runs name it as requestedBy),
        // else to the local tenant (the CLI's), which only admins see.
        new(4, "tenants of runs and keys", """
            ALTER TABLE runs ADD COLUMN tenant TEXT NOT NULL DEFAULT 'local';
            CREATE INDEX ix_runs_tenant_created ON runs (tenant, created_at);
            ALTER TABLE api_keys ADD COLUMN tenant TEXT;
            UPDATE runs SET tenant = {runs.requested_by} WHERE {runs.requested_by} IN (SELECT key_id FROM api_keys);
            """),
        // Recovery: which process executes an open run and until when (a lease it renews), so a restarted or surviving
        // process can tell an orphaned run from a live one; and a cancel request that reaches whichever process has it.
        new(5, "run lease and cancel request", """
            ALTER TABLE runs ADD COLUMN owner TEXT;
            ALTER TABLE runs ADD COLUMN lease_until TEXT;
            ALTER TABLE runs ADD COLUMN cancel_requested TEXT;
            """),
        // Tracing across a recovery: the W3C traceparent of the run's first span, so that a process resuming the run after a
        // restart puts its spans in the run's original trace. Written once; NULL for runs traced by nobody.
        new(6, "run trace context", """
            ALTER TABLE runs ADD COLUMN trace_parent TEXT;
            """),
        // The catalogue: one row per published run (the Registrar's), newest first by keyset (created_at, run_id); the facets a
        // reader filters on (language, framework, licence; lower-cased) in a table of their own, so a filter is an index lookup
        // instead of a scan of JSON. The lists as written stay in the row for display.
        new(7, "catalogue of published runs", """
            CREATE TABLE catalog (
                run_id              TEXT NOT NULL PRIMARY KEY,
                tenant              TEXT NOT NULL,
                source              TEXT NOT NULL,
                source_name         TEXT NOT NULL,
                tree_hash           TEXT NOT NULL,
                commit_id           TEXT,
                reference           TEXT NOT NULL,
                digest              TEXT NOT NULL,
                store               TEXT NOT NULL,
                languages           TEXT NOT NULL,
                frameworks          TEXT NOT NULL,
                service_types       TEXT NOT NULL,
                licenses            TEXT NOT NULL,
                verdict             TEXT,
                deliverable_key     TEXT,
                deliverable_version TEXT,
                deliverable_sha256  TEXT,
                deliverable_size    {int64},
                created_at          TEXT NOT NULL
            );
            CREATE INDEX ix_catalog_created ON catalog (created_at, run_id{ordinal});
            CREATE INDEX ix_catalog_tenant_created ON catalog (tenant, created_at, run_id{ordinal});
            CREATE INDEX ix_catalog_source ON catalog (source);
            CREATE INDEX ix_catalog_source_name ON catalog (source_name);

            CREATE TABLE catalog_facets (
                kind   TEXT NOT NULL,
                value  TEXT NOT NULL,
                run_id TEXT NOT NULL,
                PRIMARY KEY (kind, value, run_id)
            );
            CREATE INDEX ix_catalog_facets_run ON catalog_facets (run_id);
            """),
        // A filtered page walks ix_catalog_created newest first and asks per run whether it has the facet (EXPLAIN ANALYZE at
        // 10k rows, bench/registrar-catalog.sh: Nested Loop → Index Scan on ix_catalog_facets_run, "Rows Removed by Filter: 4"
        // per probe): on (run_id, kind, value) each probe is one index-only lookup. The old index is its prefix.
        new(8, "catalogue facet probe by run", """
            CREATE INDEX ix_catalog_facets_run_kind_value ON catalog_facets (run_id, kind, value);
            DROP INDEX ix_catalog_facets_run;
            """),
        // When a run became usable (its knowing stages ended) while its doing stages still ran: written once.
        new(9, "run usable time", """
            ALTER TABLE runs ADD COLUMN usable_at TEXT;
            """),
    ];

    /// <summary>Every migration, in version order, in the given dialect.</summary>
    public static IReadOnlyList<Migration> For(SqlDialect dialect) =>
        [.. Templates.Select(m => m with { Sql = dialect.Render(m.Sql) })];
}
