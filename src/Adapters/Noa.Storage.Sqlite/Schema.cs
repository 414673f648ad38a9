namespace Noa.Storage.Sqlite;

/// <summary>
/// The metadata schema, as numbered migrations. The SQL keeps to what SQLite and Postgres share
/// (TEXT, INTEGER, ISO-8601 UTC timestamps as TEXT, JSON as TEXT, <c>ON CONFLICT … DO UPDATE</c>),
/// so the Postgres adapter can apply the same scripts. The one dialect point is the audit key:
/// SQLite's <c>INTEGER PRIMARY KEY</c> is an auto-assigned rowid, Postgres needs
/// <c>BIGINT GENERATED ALWAYS AS IDENTITY</c> there.
/// Never edit a released migration; append a new one.
/// </summary>
internal static class Schema
{
    public static IReadOnlyList<Migration> Migrations { get; } =
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
                size       INTEGER NOT NULL,
                media_type TEXT NOT NULL,
                stage      TEXT NOT NULL,
                PRIMARY KEY (run_id, path)
            );

            CREATE TABLE audit (
                id      INTEGER PRIMARY KEY,
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
    ];
}
