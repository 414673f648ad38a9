using Noa.Abstractions;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace Noa.Vectors.Postgres;

/// <summary>
/// The two ways <see cref="PostgresVectorStore.UpsertAsync"/> writes rows. A small batch is one
/// <c>INSERT … ON CONFLICT</c> per record. A large one is copied (binary COPY) into a temporary table and moved by one
/// <c>INSERT … SELECT</c>: per-statement cost is what made row-by-row loads slow. When a large batch is the first
/// load of an empty collection, its HNSW index is dropped and built after the rows, which is several times faster
/// than maintaining it row by row. Within one batch the last record of an id wins either way.
/// </summary>
internal static class PostgresUpsert
{
    private const int Batch = 500;
    private const string Columns = "id, text, source, run, language, path, kind, symbol, start_line, end_line, content_hash, model, tenant, scope";

    private const string OnConflict = """
        ON CONFLICT (id) DO UPDATE SET text = excluded.text, source = excluded.source, run = excluded.run, language = excluded.language,
          path = excluded.path, kind = excluded.kind, symbol = excluded.symbol, start_line = excluded.start_line, end_line = excluded.end_line,
          content_hash = excluded.content_hash, model = excluded.model, tenant = excluded.tenant, scope = excluded.scope, embedding = excluded.embedding, tsv = excluded.tsv
        """;

    /// <summary>The DDL of a collection's HNSW index, shared by collection creation and the rebuild after a first load.</summary>
    // noa:ignore csharp-sql-concat — only the table name is interpolated: a validated collection name (VectorCollection.Validate)
    public static string HnswIndex(string collection) => $"CREATE INDEX v_{collection}_embedding ON v_{collection} USING hnsw (embedding vector_cosine_ops)";

    /// <summary>One statement per record in one transaction; later statements replace earlier ones of the same id.</summary>
    public static async Task RowsAsync(NpgsqlConnection connection, string collection, IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in records.Chunk(Batch))
        {
            await using var commands = new NpgsqlBatch(connection, transaction);
            foreach (var record in chunk)
                commands.BatchCommands.Add(RowCommand(collection, record));
            await commands.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Binary COPY into a temporary table, then one <c>INSERT … SELECT DISTINCT ON (id)</c> keeping each id's last record.</summary>
    public static async Task CopyAsync(NpgsqlConnection connection, string collection, int dimensions, IReadOnlyList<VectorRecord> records, int indexAfterLoadFrom, CancellationToken cancellationToken)
    {
        // The probe runs outside the transaction so it holds no lock: taking ACCESS EXCLUSIVE after a read in the same
        // transaction could deadlock with another loader doing the same.
        var rebuild = records.Count >= indexAfterLoadFrom && await IsEmptyAsync(connection, null, collection, cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (rebuild)
        {
            // noa:ignore csharp-sql-concat — only the table name is interpolated: a validated collection name (VectorCollection.Validate)
            await ExecuteAsync(connection, transaction, $"LOCK TABLE v_{collection} IN ACCESS EXCLUSIVE MODE", cancellationToken).ConfigureAwait(false);
            rebuild = await IsEmptyAsync(connection, transaction, collection, cancellationToken).ConfigureAwait(false);
        }
        await ExecuteAsync(connection, transaction, $"""
            CREATE TEMP TABLE noa_upsert (ord integer NOT NULL, id text NOT NULL, text text NOT NULL, source text NOT NULL, run text NOT NULL,
              language text NOT NULL, path text NOT NULL, kind text NOT NULL, symbol text NOT NULL, start_line integer NOT NULL,
              end_line integer NOT NULL, content_hash text NOT NULL, model text NOT NULL, tenant text NOT NULL, scope text NOT NULL,
              embedding vector({dimensions}) NOT NULL, words text NOT NULL)
              ON COMMIT DROP
            """, cancellationToken).ConfigureAwait(false);
        await using (var writer = await connection.BeginBinaryImportAsync($"COPY noa_upsert (ord, {Columns}, embedding, words) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < records.Count; i++)
                await WriteAsync(writer, i, records[i], cancellationToken).ConfigureAwait(false);
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        if (rebuild)
            await ExecuteAsync(connection, transaction, $"DROP INDEX v_{collection}_embedding", cancellationToken).ConfigureAwait(false);
        // noa:ignore csharp-sql-concat — only the table name is interpolated: a validated collection name (VectorCollection.Validate)
        await ExecuteAsync(connection, transaction, $"""
            INSERT INTO v_{collection} ({Columns}, embedding, tsv)
            SELECT DISTINCT ON (id) {Columns}, embedding, to_tsvector('simple', words) FROM noa_upsert ORDER BY id, ord DESC
            {OnConflict}
            """, cancellationToken).ConfigureAwait(false);
        if (rebuild)
        {
            // The graph is built in memory; past maintenance_work_mem pgvector builds it far more slowly on disk.
            await ExecuteAsync(connection, transaction, "SET LOCAL maintenance_work_mem = '1GB'", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, HnswIndex(collection), cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter writer, int ord, VectorRecord record, CancellationToken cancellationToken)
    {
        var m = record.Metadata;
        await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
        await writer.WriteAsync(ord, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
        foreach (var text in (string[])[record.Id, record.Text, m.Source, m.Run, m.Language, m.Path, m.Kind, m.Symbol])
            await writer.WriteAsync(text, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        await writer.WriteAsync(m.StartLine, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
        await writer.WriteAsync(m.EndLine, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
        await writer.WriteAsync(m.ContentHash, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        await writer.WriteAsync(m.Model, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        await writer.WriteAsync(m.Tenant, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        await writer.WriteAsync(m.Scope, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        await writer.WriteAsync(new Vector(record.Vector), cancellationToken).ConfigureAwait(false);
        await writer.WriteAsync(TextSearch.Words(record.Text), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlBatchCommand RowCommand(string collection, VectorRecord record)
    {
        // noa:ignore csharp-sql-concat — only the table name is interpolated: a validated collection name (VectorCollection.Validate)
        var command = new NpgsqlBatchCommand($"""
            INSERT INTO v_{collection} ({Columns}, embedding, tsv)
            VALUES (@id, @text, @source, @run, @language, @path, @kind, @symbol, @start, @end, @hash, @model, @tenant, @scope, @vector, to_tsvector('simple', @words))
            {OnConflict}
            """);
        var m = record.Metadata;
        command.Parameters.AddWithValue("id", record.Id);
        command.Parameters.AddWithValue("text", record.Text);
        command.Parameters.AddWithValue("source", m.Source);
        command.Parameters.AddWithValue("run", m.Run);
        command.Parameters.AddWithValue("language", m.Language);
        command.Parameters.AddWithValue("path", m.Path);
        command.Parameters.AddWithValue("kind", m.Kind);
        command.Parameters.AddWithValue("symbol", m.Symbol);
        command.Parameters.AddWithValue("start", m.StartLine);
        command.Parameters.AddWithValue("end", m.EndLine);
        command.Parameters.AddWithValue("hash", m.ContentHash);
        command.Parameters.AddWithValue("model", m.Model);
        command.Parameters.AddWithValue("tenant", m.Tenant);
        command.Parameters.AddWithValue("scope", m.Scope);
        command.Parameters.AddWithValue("vector", new Vector(record.Vector));
        command.Parameters.AddWithValue("words", TextSearch.Words(record.Text));
        return command;
    }

    private static async Task<bool> IsEmptyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string collection, CancellationToken cancellationToken)
    {
        // noa:ignore csharp-sql-concat — only the table name is interpolated: a validated collection name (VectorCollection.Validate)
        await using var command = new NpgsqlCommand($"SELECT NOT EXISTS (SELECT 1 FROM v_{collection})", connection, transaction);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
