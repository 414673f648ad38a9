using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Credentials;
using Npgsql;
using Pgvector;
using Pgvector.Npgsql;

namespace Noa.Vectors.Postgres;

/// <summary>
/// The pgvector <see cref="IVectorStore"/>: one table <c>v_NAME</c> per collection with a <c>vector(N)</c> column under an
/// HNSW index (<c>vector_cosine_ops</c>) and a <c>tsvector</c> under a GIN index ranked by <c>ts_rank_cd</c>.
/// <c>vector_collections</c> records each collection's dimension. HNSW is approximate: see <see cref="PostgresVectorSettings.EfSearch"/>;
/// filtered searches use pgvector 0.8's iterative scan so a selective filter still fills k.
/// </summary>
public sealed class PostgresVectorStore : IVectorStore, IAsyncDisposable
{
    private const string Columns = "id, text, source, run, language, path, kind, symbol, start_line, end_line, content_hash, model, tenant, scope";

    // Chunks stored before tenants existed were the CLI's or an admin's to see: the local tenant.
    private const string TenantColumn = $"tenant text NOT NULL DEFAULT '{Tenants.Local}'";
    // Chunks stored before scopes existed have none: unknown, ranked as product and matched by no scope filter.
    private const string ScopeColumn = "scope text NOT NULL DEFAULT ''";
    private readonly NpgsqlDataSource _source;
    private readonly int _efSearch;
    private readonly int _copyFrom;
    private readonly int _indexAfterLoadFrom;
    private readonly ConcurrentDictionary<string, int> _dimensions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _schema = new(1, 1);
    private bool _schemaReady;

    /// <summary>Connects with the settings (the schema is created on first use).</summary>
    public PostgresVectorStore(IOptions<PostgresVectorSettings> settings)
    {
        var builder = new NpgsqlDataSourceBuilder(settings.Value.ConnectionString);
        SecretFile.RefuseInline(!string.IsNullOrEmpty(builder.ConnectionStringBuilder.Password),
            "The pgvector connection string (Noa:Vectors:Postgres:ConnectionString)", "PasswordFile");
        // Asked for every new physical connection, so a rotated secret is picked up without a restart.
        if (SecretFile.From(settings.Value.PasswordFile, "Noa:Vectors:Postgres:PasswordFile") is { } password)
            builder.UsePasswordProvider(_ => password.Read(), (_, cancellationToken) => password.ReadAsync(cancellationToken));
        builder.UseVector();
        _source = builder.Build();
        _efSearch = settings.Value.EfSearch;
        _copyFrom = settings.Value.CopyFrom;
        _indexAfterLoadFrom = settings.Value.IndexAfterLoadFrom;
    }

    /// <inheritdoc />
    public async Task UpsertAsync(string collection, IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
            return;
        var dimensions = await DimensionsAsync(collection, records[0].Vector.Length, cancellationToken).ConfigureAwait(false);
        foreach (var record in records)
            VectorCollection.CheckDimensions(collection, dimensions!.Value, record.Vector.Length);
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (records.Count >= _copyFrom)
            await PostgresUpsert.CopyAsync(connection, collection, dimensions!.Value, records, _indexAfterLoadFrom, cancellationToken).ConfigureAwait(false);
        else
            await PostgresUpsert.RowsAsync(connection, collection, records, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> DeleteAsync(string collection, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        if (await DimensionsAsync(collection, null, cancellationToken).ConfigureAwait(false) is null)
            return 0;
        await using var command = _source.CreateCommand($"DELETE FROM v_{collection} WHERE id = ANY(@ids)");
        command.Parameters.AddWithValue("ids", ids.ToArray());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> DeleteAsync(string collection, VectorFilter filter, CancellationToken cancellationToken = default)
    {
        if (await DimensionsAsync(collection, null, cancellationToken).ConfigureAwait(false) is null)
            return 0;
        await using var command = _source.CreateCommand();
        // noa:ignore csharp-sql-concat — only the table name is interpolated: a validated collection name (VectorCollection.Validate)
        command.CommandText = $"DELETE FROM v_{collection} WHERE {Where(command, filter)}";
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VectorHit>> SearchAsync(string collection, ReadOnlyMemory<float> vector, int k, VectorFilter? filter = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (await DimensionsAsync(collection, null, cancellationToken).ConfigureAwait(false) is not { } dimensions)
            return [];
        VectorCollection.CheckDimensions(collection, dimensions, vector.Length);
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // noa:ignore csharp-sql-concat — only the table name is interpolated: a validated collection name (VectorCollection.Validate)
        await using (var settings = new NpgsqlCommand($"SET LOCAL hnsw.ef_search = {Math.Max(_efSearch, k)}; SET LOCAL hnsw.iterative_scan = relaxed_order", connection, transaction))
            await settings.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand { Connection = connection, Transaction = transaction };
        // noa:ignore csharp-sql-concat — only the table name is interpolated: a validated collection name (VectorCollection.Validate)
        command.CommandText = $"""
            SELECT {Columns}, 1 - (embedding <=> @vector) AS score FROM v_{collection}
            WHERE {Where(command, filter)} ORDER BY embedding <=> @vector LIMIT @k
            """;
        command.Parameters.AddWithValue("vector", new Vector(vector));
        command.Parameters.AddWithValue("k", k);
        var hits = await ReadHitsAsync(command, cancellationToken).ConfigureAwait(false);
        // relaxed_order may return neighbours slightly out of order; ties by id make results stable.
        return hits.OrderByDescending(h => h.Score).ThenBy(h => h.Id, StringComparer.Ordinal).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VectorHit>> SearchTextAsync(string collection, string query, int k, VectorFilter? filter = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var tsquery = TextSearch.Query(query);
        if (tsquery.Length == 0 || k == 0 || await DimensionsAsync(collection, null, cancellationToken).ConfigureAwait(false) is null)
            return [];
        await using var command = _source.CreateCommand();
        // noa:ignore csharp-sql-concat — only the table name is interpolated: a validated collection name (VectorCollection.Validate)
        command.CommandText = $"""
            SELECT {Columns}, ts_rank_cd(tsv, q) AS score FROM v_{collection}, to_tsquery('simple', @query) q
            WHERE tsv @@ q AND {Where(command, filter)} ORDER BY score DESC, id LIMIT @k
            """;
        command.Parameters.AddWithValue("query", tsquery);
        command.Parameters.AddWithValue("k", k);
        return await ReadHitsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredChunk>> ListHashesAsync(string collection, VectorFilter? filter = null, CancellationToken cancellationToken = default)
    {
        if (await DimensionsAsync(collection, null, cancellationToken).ConfigureAwait(false) is null)
            return [];
        await using var command = _source.CreateCommand();
        // noa:ignore csharp-sql-concat — only the table name is interpolated: a validated collection name (VectorCollection.Validate)
        command.CommandText = $"SELECT id, content_hash, model, scope FROM v_{collection} WHERE {Where(command, filter)}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var chunks = new List<StoredChunk>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            chunks.Add(new StoredChunk(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return chunks;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VectorRecord>> GetAsync(string collection, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0 || await DimensionsAsync(collection, null, cancellationToken).ConfigureAwait(false) is null)
            return [];
        // noa:ignore csharp-sql-concat — only the table name is interpolated: a validated collection name (VectorCollection.Validate)
        await using var command = _source.CreateCommand($"SELECT {Columns}, embedding FROM v_{collection} WHERE id = ANY(@ids)");
        command.Parameters.AddWithValue("ids", ids.Distinct(StringComparer.Ordinal).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<VectorRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            records.Add(new VectorRecord(reader.GetString(0), reader.GetFieldValue<Vector>(14).Memory, reader.GetString(1), ReadMetadata(reader)));
        return records;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync().ConfigureAwait(false);
        _schema.Dispose();
    }

    /// <summary>The filter as a WHERE condition over only the fields it sets, so the planner sees plain equalities.</summary>
    private static string Where(NpgsqlCommand command, VectorFilter? filter)
    {
        var conditions = new List<string> { "TRUE" };
        void Add(string column, string? value, string template)
        {
            if (value is null)
                return;
            conditions.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, column, "@f_" + column));
            command.Parameters.AddWithValue("f_" + column, value);
        }
        Add("source", filter?.Source, "{0} = {1}");
        Add("run", filter?.Run, "{0} = {1}");
        Add("language", filter?.Language, "{0} = {1}");
        Add("kind", filter?.Kind, "{0} = {1}");
        Add("path", filter?.PathPrefix, "starts_with({0}, {1})");
        Add("tenant", filter?.Tenant, "{0} = {1}");
        Add("scope", filter?.Scope, "{0} = {1}");
        return string.Join(" AND ", conditions);
    }

    private static async Task<List<VectorHit>> ReadHitsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var hits = new List<VectorHit>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            hits.Add(new VectorHit(reader.GetString(0), Convert.ToDouble(reader.GetValue(14), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(1), ReadMetadata(reader)));
        return hits;
    }

    private static ChunkMetadata ReadMetadata(NpgsqlDataReader reader) => new()
    {
        Source = reader.GetString(2), Run = reader.GetString(3), Language = reader.GetString(4), Path = reader.GetString(5),
        Kind = reader.GetString(6), Symbol = reader.GetString(7), StartLine = reader.GetInt32(8), EndLine = reader.GetInt32(9),
        ContentHash = reader.GetString(10), Model = reader.GetString(11), Tenant = reader.GetString(12),
        Scope = reader.GetString(13),
    };

    /// <summary>The collection's dimension; null when it does not exist, unless <paramref name="create"/> gives the dimension to create it with.</summary>
    private async Task<int?> DimensionsAsync(string collection, int? create, CancellationToken cancellationToken)
    {
        VectorCollection.Validate(collection);
        if (_dimensions.TryGetValue(collection, out var known))
            return known;
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('noa-vectors:' || @name)); SELECT dimensions FROM vector_collections WHERE name = @name", connection, transaction);
        command.Parameters.AddWithValue("name", collection);
        int? dimensions = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                dimensions = reader.GetInt32(0);
        }
        if (dimensions is null && create is { } d)
        {
            ArgumentOutOfRangeException.ThrowIfZero(d, "vector.Length");
            // noa:ignore csharp-sql-concat — only the table name is interpolated: a validated collection name (VectorCollection.Validate)
            command.CommandText = $"""
                CREATE TABLE v_{collection} ({string.Join(", ", Columns.Split(", ").Select(c => c switch
                {
                    "start_line" or "end_line" => $"{c} integer NOT NULL",
                    "id" => "id text PRIMARY KEY",
                    "tenant" => TenantColumn,
                    "scope" => ScopeColumn,
                    _ => $"{c} text NOT NULL",
                }))},
                  embedding vector({d}) NOT NULL, tsv tsvector NOT NULL);
                {PostgresUpsert.HnswIndex(collection)};
                CREATE INDEX v_{collection}_tsv ON v_{collection} USING gin (tsv);
                INSERT INTO vector_collections (name, dimensions) VALUES (@name, {d});
                """;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            dimensions = d;
        }
        else if (dimensions is not null)
        {
            // A collection written before tenants (or scopes) existed gets the column (a constant default: no table rewrite).
            // Looked up first: ALTER TABLE takes the table's exclusive lock even when the column is there.
            // noa:ignore csharp-sql-concat — only the table name is interpolated: a validated collection name (VectorCollection.Validate)
            command.CommandText = $"""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                                 WHERE table_schema = current_schema() AND table_name = 'v_{collection}' AND column_name = 'tenant') THEN
                    ALTER TABLE v_{collection} ADD COLUMN {TenantColumn};
                  END IF;
                  IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                                 WHERE table_schema = current_schema() AND table_name = 'v_{collection}' AND column_name = 'scope') THEN
                    ALTER TABLE v_{collection} ADD COLUMN {ScopeColumn};
                  END IF;
                END $$
                """;
            command.Parameters.Clear();
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (dimensions is { } found)
            _dimensions[collection] = found;
        return dimensions;
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
            return;
        await _schema.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
                return;
            await using var command = _source.CreateCommand("""
                CREATE EXTENSION IF NOT EXISTS vector;
                CREATE TABLE IF NOT EXISTS vector_collections (name text PRIMARY KEY, dimensions integer NOT NULL);
                """);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
        }
        finally
        {
            _schema.Release();
        }
    }
}
