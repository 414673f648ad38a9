namespace Noa.Vectors.Postgres;

/// <summary>Settings of the pgvector store.</summary>
public sealed class PostgresVectorSettings
{
    /// <summary>
    /// An Npgsql connection string without a password. Tables live in the first schema of the search path, which must
    /// exist; the search path must also reach the schema of the <c>vector</c> extension (e.g. <c>Search Path=noa,public</c>).
    /// </summary>
    public string ConnectionString { get; set; } = "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres";

    /// <summary>A file holding the password; a trailing newline is ignored.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>HNSW candidate list size per query (<c>hnsw.ef_search</c>): higher is slower and more exact. pgvector's default is 40.</summary>
    public int EfSearch { get; set; } = 100;

    /// <summary>Batches of at least this many records are loaded by binary COPY; smaller ones row by row (tests and the bench force either path).</summary>
    internal int CopyFrom { get; set; } = 64;

    /// <summary>A COPY load of at least this many records into an empty collection builds the HNSW index after the rows.</summary>
    internal int IndexAfterLoadFrom { get; set; } = 2_000;
}
