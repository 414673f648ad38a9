namespace Noa.Storage.Sql;

/// <summary>The databases the metadata schema is written for.</summary>
internal enum SqlDialect
{
    /// <summary>SQLite 3 (Microsoft.Data.Sqlite).</summary>
    Sqlite,

    /// <summary>PostgreSQL 15 or later (Npgsql).</summary>
    Postgres,
}
