namespace Noa.Storage.Postgres;

/// <summary>Settings of the Postgres metadata store.</summary>
public sealed class PostgresSettings
{
    /// <summary>
    /// An Npgsql connection string without a password, e.g.
    /// <c>Host=db;Username=noa;Database=noa;Search Path=noa</c>. The tables live in the first schema of the
    /// search path, which must exist.
    /// </summary>
    public string ConnectionString { get; set; } = "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres";

    /// <summary>A file holding the password (e.g. <c>/run/secrets/postgres-password</c>); a trailing newline is ignored.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>Leaves out the readiness check that queries the database.</summary>
    public bool DisableHealthChecks { get; set; }
}
