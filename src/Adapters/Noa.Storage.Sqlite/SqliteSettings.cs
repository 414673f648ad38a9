namespace Noa.Storage.Sqlite;

/// <summary>Settings of the SQLite metadata store.</summary>
public sealed class SqliteSettings
{
    /// <summary>A Microsoft.Data.Sqlite connection string, e.g. <c>Data Source=/var/lib/noa/noa.db</c>.</summary>
    public string ConnectionString { get; set; } = "Data Source=noa.db";

    /// <summary>Leaves out the readiness check that queries the database.</summary>
    public bool DisableHealthChecks { get; set; }
}
