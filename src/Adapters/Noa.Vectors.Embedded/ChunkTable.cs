using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Noa.Abstractions;

namespace Noa.Vectors.Embedded;

/// <summary>
/// The SQLite side of one collection: table <c>c_NAME</c> (chunk, metadata and the vector as a blob, the
/// durable copy, with <c>words</c>: <see cref="KeywordQuery.IndexText"/> of the text) and the FTS5 index
/// <c>c_NAME_fts</c> over <c>words</c>, kept in step by triggers.
/// </summary>
internal sealed class ChunkTable(SqliteConnection db, string collection)
{
    private const string Columns = "text, source, run, language, path, kind, symbol, start_line, end_line, content_hash, model, tenant, scope";
    // Chunks stored before tenants existed were the CLI's or an admin's to see: the local tenant.
    private const string TenantColumn = $"tenant TEXT NOT NULL DEFAULT '{Tenants.Local}'";
    // Chunks stored before scopes existed have none: unknown, ranked as product and matched by no scope filter.
    private const string ScopeColumn = "scope TEXT NOT NULL DEFAULT ''";
    private readonly string _table = "c_" + collection;

    public void Create() => Execute($"""
        CREATE TABLE IF NOT EXISTS {_table} (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, {Columns.Replace("tenant", TenantColumn, StringComparison.Ordinal).Replace("scope", ScopeColumn, StringComparison.Ordinal)},
          vector BLOB NOT NULL, words TEXT NOT NULL DEFAULT '');
        CREATE VIRTUAL TABLE IF NOT EXISTS {_table}_fts USING fts5(words, content='{_table}', content_rowid='rowid');
        CREATE TRIGGER IF NOT EXISTS {_table}_ai AFTER INSERT ON {_table} BEGIN
          INSERT INTO {_table}_fts(rowid, words) VALUES (new.rowid, new.words); END;
        CREATE TRIGGER IF NOT EXISTS {_table}_ad AFTER DELETE ON {_table} BEGIN
          INSERT INTO {_table}_fts({_table}_fts, rowid, words) VALUES ('delete', old.rowid, old.words); END;
        CREATE TRIGGER IF NOT EXISTS {_table}_au AFTER UPDATE ON {_table} BEGIN
          INSERT INTO {_table}_fts({_table}_fts, rowid, words) VALUES ('delete', old.rowid, old.words);
          INSERT INTO {_table}_fts(rowid, words) VALUES (new.rowid, new.words); END;
        """);

    /// <summary>
    /// Brings a collection written before the <c>words</c> column (FTS5 over the raw text) to the current shape: adds
    /// the column, fills it with <see cref="KeywordQuery.IndexText"/> of each text, and rebuilds the index over it.
    /// </summary>
    public void Upgrade()
    {
        if (!HasColumn("tenant"))
            Execute($"ALTER TABLE {_table} ADD COLUMN {TenantColumn}");
        if (!HasColumn("scope"))
            Execute($"ALTER TABLE {_table} ADD COLUMN {ScopeColumn}");
        if (HasColumn("words"))
            return;
        using var transaction = db.BeginTransaction();
        Execute($"""
            DROP TRIGGER IF EXISTS {_table}_ai; DROP TRIGGER IF EXISTS {_table}_ad; DROP TRIGGER IF EXISTS {_table}_au;
            DROP TABLE IF EXISTS {_table}_fts;
            ALTER TABLE {_table} ADD COLUMN words TEXT NOT NULL DEFAULT '';
            """, transaction);
        var texts = new List<(long RowId, string Text)>();
        using (var read = db.CreateCommand())
        {
            read.Transaction = transaction;
            // noa:ignore csharp-sql-concat — only the table name is interpolated: a validated collection name (VectorCollection.Validate)
            read.CommandText = $"SELECT rowid, text FROM {_table}";
            using var reader = read.ExecuteReader();
            while (reader.Read())
                texts.Add((reader.GetInt64(0), reader.GetString(1)));
        }
        using (var update = db.CreateCommand())
        {
            update.Transaction = transaction;
            // noa:ignore csharp-sql-concat — only the table name is interpolated: a validated collection name (VectorCollection.Validate)
            update.CommandText = $"UPDATE {_table} SET words = @words WHERE rowid = @rowid";
            var words = update.Parameters.Add("@words", SqliteType.Text);
            var rowid = update.Parameters.Add("@rowid", SqliteType.Integer);
            foreach (var (id, text) in texts)
            {
                (words.Value, rowid.Value) = (KeywordQuery.IndexText(text), id);
                update.ExecuteNonQuery();
            }
        }
        transaction.Commit();
        Create();
        Execute($"INSERT INTO {_table}_fts({_table}_fts) VALUES ('rebuild')");
    }

    private bool HasColumn(string name)
    {
        using var probe = db.CreateCommand();
        probe.CommandText = "SELECT count(*) FROM pragma_table_info(@table) WHERE name = @name";
        probe.Parameters.AddWithValue("@table", _table);
        probe.Parameters.AddWithValue("@name", name);
        return (long)probe.ExecuteScalar()! > 0;
    }

    public void Upsert(VectorRecord record, SqliteTransaction transaction)
    {
        using var command = db.CreateCommand();
        command.Transaction = transaction;
        // noa:ignore csharp-sql-concat — only the table name is interpolated: a validated collection name (VectorCollection.Validate)
        command.CommandText = $"""
            INSERT INTO {_table} (id, {Columns}, vector, words) VALUES (@id, @text, @source, @run, @language, @path, @kind, @symbol, @start, @end, @hash, @model, @tenant, @scope, @vector, @words)
            ON CONFLICT (id) DO UPDATE SET text = excluded.text, source = excluded.source, run = excluded.run, language = excluded.language,
              path = excluded.path, kind = excluded.kind, symbol = excluded.symbol, start_line = excluded.start_line, end_line = excluded.end_line,
              content_hash = excluded.content_hash, model = excluded.model, tenant = excluded.tenant, scope = excluded.scope, vector = excluded.vector, words = excluded.words
            """;
        var m = record.Metadata;
        command.Parameters.AddWithValue("@id", record.Id);
        command.Parameters.AddWithValue("@text", record.Text);
        command.Parameters.AddWithValue("@source", m.Source);
        command.Parameters.AddWithValue("@run", m.Run);
        command.Parameters.AddWithValue("@language", m.Language);
        command.Parameters.AddWithValue("@path", m.Path);
        command.Parameters.AddWithValue("@kind", m.Kind);
        command.Parameters.AddWithValue("@symbol", m.Symbol);
        command.Parameters.AddWithValue("@start", m.StartLine);
        command.Parameters.AddWithValue("@end", m.EndLine);
        command.Parameters.AddWithValue("@hash", m.ContentHash);
        command.Parameters.AddWithValue("@model", m.Model);
        command.Parameters.AddWithValue("@tenant", m.Tenant);
        command.Parameters.AddWithValue("@scope", m.Scope);
        command.Parameters.AddWithValue("@vector", MemoryMarshal.AsBytes(record.Vector.Span).ToArray());
        command.Parameters.AddWithValue("@words", KeywordQuery.IndexText(record.Text));
        command.ExecuteNonQuery();
    }

    public int Delete(string id, SqliteTransaction transaction)
    {
        using var command = db.CreateCommand();
        command.Transaction = transaction;
        // noa:ignore csharp-sql-concat — only the table name is interpolated: a validated collection name (VectorCollection.Validate)
        command.CommandText = $"DELETE FROM {_table} WHERE id = @id";
        command.Parameters.AddWithValue("@id", id);
        return command.ExecuteNonQuery();
    }

    /// <summary>Every row's id, metadata and (when asked) vector, for loading the index.</summary>
    public IEnumerable<(string Id, ChunkMetadata Metadata, float[]? Vector)> ReadAll(bool vectors)
    {
        using var command = db.CreateCommand();
        // noa:ignore csharp-sql-concat — only the table name is interpolated: a validated collection name (VectorCollection.Validate)
        command.CommandText = $"SELECT id, {Columns}{(vectors ? ", vector" : "")} FROM {_table} ORDER BY rowid";
        using var reader = command.ExecuteReader();
        while (reader.Read())
            yield return (reader.GetString(0), ReadMetadata(reader), vectors ? MemoryMarshal.Cast<byte, float>((byte[])reader[14]).ToArray() : null);
    }

    /// <summary>The texts of these ids.</summary>
    public Dictionary<string, string> Texts(IReadOnlyList<string> ids)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ids.Count == 0)
            return texts;
        using var command = db.CreateCommand();
        // noa:ignore csharp-sql-concat — only the table name is interpolated: a validated collection name (VectorCollection.Validate)
        command.CommandText = $"SELECT id, text FROM {_table} WHERE id IN ({string.Join(", ", ids.Select((_, i) => "@p" + i))})";
        for (var i = 0; i < ids.Count; i++)
            command.Parameters.AddWithValue("@p" + i, ids[i]);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            texts[reader.GetString(0)] = reader.GetString(1);
        return texts;
    }

    /// <summary>
    /// BM25 over the text (FTS5's <c>bm25()</c>, negated so higher is better); any word may match. Ranked where the
    /// columns are not: the best <paramref name="k"/> matches are chosen by rank (and id among equal ranks) first, and only
    /// they are joined to their rows. Common words match half a collection, and carrying every match's text and metadata
    /// through the sort read and copied each of those rows (~40 ms of CPU a query on 10,000 chunks, against ~8).
    /// </summary>
    public List<VectorHit> SearchText(string query, int k, VectorFilter? filter)
    {
        var match = MatchExpression(query);
        if (match.Length == 0 || k == 0)
            return [];
        using var command = db.CreateCommand();
        var fts = _table + "_fts";
        // Without a filter the index alone ranks: every match with a rank no worse than the k-th best is a candidate
        // (ties at the edge included, so the id order among equal ranks is as if every match had been sorted).
        // With one, a match's row must be read to test it, but only the best k carry their columns past the sort.
        var top = Unfiltered(filter)
            ? $"""
              ranked AS MATERIALIZED (SELECT rowid, bm25({fts}) AS rank FROM {fts} WHERE {fts} MATCH @match),
              top AS (SELECT rowid, rank FROM ranked WHERE rank <= (SELECT max(rank) FROM (SELECT rank FROM ranked ORDER BY rank LIMIT @k)))
              """
            : $"""
              top AS MATERIALIZED (SELECT c.rowid AS rowid, bm25({fts}) AS rank FROM {fts} JOIN {_table} c ON c.rowid = {fts}.rowid
                WHERE {fts} MATCH @match
                  AND (@source IS NULL OR c.source = @source) AND (@run IS NULL OR c.run = @run)
                  AND (@language IS NULL OR c.language = @language) AND (@kind IS NULL OR c.kind = @kind)
                  AND (@prefix IS NULL OR substr(c.path, 1, length(@prefix)) = @prefix) AND (@tenant IS NULL OR c.tenant = @tenant)
                  AND (@scope IS NULL OR c.scope = @scope)
                ORDER BY rank, c.id LIMIT @k)
              """;
        // noa:ignore csharp-sql-concat — only the table name is interpolated: a validated collection name (VectorCollection.Validate)
        command.CommandText = $"""
            WITH {top}
            SELECT c.id, {Columns.Replace("text", "c.text", StringComparison.Ordinal)}, top.rank
            FROM top JOIN {_table} c ON c.rowid = top.rowid
            ORDER BY top.rank, c.id LIMIT @k
            """;
        command.Parameters.AddWithValue("@match", match);
        command.Parameters.AddWithValue("@source", (object?)filter?.Source ?? DBNull.Value);
        command.Parameters.AddWithValue("@run", (object?)filter?.Run ?? DBNull.Value);
        command.Parameters.AddWithValue("@language", (object?)filter?.Language ?? DBNull.Value);
        command.Parameters.AddWithValue("@kind", (object?)filter?.Kind ?? DBNull.Value);
        command.Parameters.AddWithValue("@prefix", (object?)filter?.PathPrefix ?? DBNull.Value);
        command.Parameters.AddWithValue("@tenant", (object?)filter?.Tenant ?? DBNull.Value);
        command.Parameters.AddWithValue("@scope", (object?)filter?.Scope ?? DBNull.Value);
        command.Parameters.AddWithValue("@k", k);
        using var reader = command.ExecuteReader();
        var hits = new List<VectorHit>();
        while (reader.Read())
            hits.Add(new VectorHit(reader.GetString(0), -reader.GetDouble(14), reader.GetString(1), ReadMetadata(reader)));
        return hits;
    }

    private static bool Unfiltered(VectorFilter? filter) =>
        filter is null || filter is { Source: null, Run: null, Language: null, Kind: null, PathPrefix: null, Tenant: null, Scope: null };

    /// <summary>
    /// Each phrase of <see cref="KeywordQuery.Phrases"/> quoted for FTS5 (its runs are the unicode61 tokenizer's own
    /// split), joined by OR: <c>parse_config(x)</c> becomes <c>"parse config" OR "x"</c>. Quoting leaves no operator syntax.
    /// </summary>
    internal static string MatchExpression(string query) =>
        string.Join(" OR ", KeywordQuery.Phrases(query).Select(tokens => "\"" + string.Join(' ', tokens) + "\""));

    private static ChunkMetadata ReadMetadata(SqliteDataReader reader) => new()
    {
        Source = reader.GetString(2), Run = reader.GetString(3), Language = reader.GetString(4), Path = reader.GetString(5),
        Kind = reader.GetString(6), Symbol = reader.GetString(7), StartLine = reader.GetInt32(8), EndLine = reader.GetInt32(9),
        ContentHash = reader.GetString(10), Model = reader.GetString(11), Tenant = reader.GetString(12),
        Scope = reader.GetString(13),
    };

    private void Execute(string sql, SqliteTransaction? transaction = null)
    {
        using var command = db.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

}
