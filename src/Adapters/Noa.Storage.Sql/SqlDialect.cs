namespace Noa.Storage.Sql;

/// <summary>
/// What differs between the databases the metadata store runs on, as tokens in its SQL that <see cref="Render"/> fills:
/// <list type="bullet">
/// <item><c>{id}</c>: an auto-assigned 64-bit key: SQLite's rowid (<c>INTEGER PRIMARY KEY</c>),
/// Postgres' <c>BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY</c>.</item>
/// <item><c>{int64}</c>: SQLite's INTEGER is 64-bit already, Postgres' is 32-bit, so sizes need <c>BIGINT</c> there.</item>
/// <item><c>{ordinal}</c> after a text column in ORDER BY: ordinal (byte) order whatever the database's collation;
/// SQLite's default BINARY already is, Postgres needs <c>COLLATE "C"</c>.</item>
/// <item><c>{runs.requested_by}</c>: the <c>requestedBy</c> text of a run's request JSON (a migration's backfill):
/// SQLite's <c>json_extract</c>, Postgres' <c>-&gt;&gt;</c>.</item>
/// </list>
/// Everything else (TEXT, ISO-8601 timestamps as TEXT, JSON as TEXT, <c>ON CONFLICT … DO UPDATE</c>, partial indexes,
/// <c>@name</c> parameters) both share. How a connection is opened and how migrations are serialised between processes
/// are the providers' own (<see cref="ISqlConnectionSource"/>).
/// </summary>
internal sealed class SqlDialect
{
    /// <summary>SQLite 3 (Microsoft.Data.Sqlite).</summary>
    public static readonly SqlDialect Sqlite = new("sqlite", "INTEGER PRIMARY KEY", "INTEGER", "", "json_extract(runs.request, '$.requestedBy')");

    /// <summary>PostgreSQL 15 or later (Npgsql).</summary>
    public static readonly SqlDialect Postgres = new("postgres", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "BIGINT", " COLLATE \"C\"",
        "(runs.request::jsonb ->> 'requestedBy')");

    private readonly string _identity;
    private readonly string _int64;
    private readonly string _ordinal;
    private readonly string _requestedBy;

    private SqlDialect(string name, string identity, string int64, string ordinal, string requestedBy) =>
        (Name, _identity, _int64, _ordinal, _requestedBy) = (name, identity, int64, ordinal, requestedBy);

    /// <summary>The database's name, as in settings and messages.</summary>
    public string Name { get; }

    /// <summary>The statement with this dialect's tokens filled in.</summary>
    public string Render(string sql) => !sql.Contains('{', StringComparison.Ordinal) ? sql : sql
        .Replace("{id}", _identity, StringComparison.Ordinal)
        .Replace("{int64}", _int64, StringComparison.Ordinal)
        .Replace("{ordinal}", _ordinal, StringComparison.Ordinal)
        .Replace("{runs.requested_by}", _requestedBy, StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Name;
}
