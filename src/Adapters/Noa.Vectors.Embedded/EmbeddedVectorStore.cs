using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Vectors.Embedded;

/// <summary>
/// The embedded <see cref="IVectorStore"/>: exact cosine search over each collection's vectors held in memory in one
/// contiguous array (~1 ms a query at 10k×384, ~13 ms at 100k), BM25 through SQLite FTS5. SQLite
/// (<c>vectors.db</c>) is the durable copy, written in one transaction per call; each collection's vectors are also
/// snapshotted to <c>NAME.vec</c> on <see cref="Flush"/> and dispose, and a snapshot whose generation matches
/// SQLite's is loaded instead of every row. A search first compares the collection's generation in SQLite with the one
/// in memory and loads the collection again when another process (a digest) has changed it since, so a long-lived
/// reader (the resident search process, a server) answers from what is stored now. One lock serialises calls, except
/// keyword searches, which read through a second, read-only connection under their own lock.
/// </summary>
public sealed class EmbeddedVectorStore : IVectorStore, IDisposable, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly SqliteConnection _db;
    // Keyword searches read through their own connection (WAL: readers see committed writes and never block them), so
    // a hybrid search's keyword half runs beside its vector half instead of waiting for the store's lock.
    private readonly SqliteConnection _reader;
    private readonly Lock _readGate = new();
    private readonly string _folder;
    private readonly Dictionary<string, Loaded> _collections = new(StringComparer.Ordinal);

    /// <summary>Opens (creating when missing) the store in the settings' folder.</summary>
    public EmbeddedVectorStore(IOptions<EmbeddedVectorSettings> settings)
    {
        _folder = Path.GetFullPath(settings.Value.Folder);
        Directory.CreateDirectory(_folder);
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "vectors.db"), Pooling = false }.ToString());
        _db.Open();
        using var command = _db.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY, dimensions INTEGER NOT NULL, generation INTEGER NOT NULL);
            """;
        command.ExecuteNonQuery();
        _reader = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_folder, "vectors.db"), Pooling = false, Mode = SqliteOpenMode.ReadOnly,
        }.ToString());
        _reader.Open();
    }

    /// <summary>Opens the store in a folder.</summary>
    public static EmbeddedVectorStore Open(string folder) => new(Options.Create(new EmbeddedVectorSettings { Folder = folder }));

    /// <inheritdoc />
    public Task UpsertAsync(string collection, IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
            return Task.CompletedTask;
        lock (_gate)
        {
            var loaded = Get(collection, records[0].Vector.Length)!;
            foreach (var record in records)
                VectorCollection.CheckDimensions(collection, loaded.Index.Dimensions, record.Vector.Length);
            Write(collection, loaded, (table, transaction) =>
            {
                foreach (var record in records)
                    table.Upsert(record, transaction);
            });
            foreach (var record in records)
                loaded.Index.Put(record.Id, record.Vector.Span, record.Metadata);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> DeleteAsync(string collection, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult(Get(collection) is { } loaded ? Remove(collection, loaded, ids.Distinct(StringComparer.Ordinal).ToList()) : 0);
    }

    /// <inheritdoc />
    public Task<int> DeleteAsync(string collection, VectorFilter filter, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult(Get(collection) is { } loaded ? Remove(collection, loaded, loaded.Index.Matching(filter).ToList()) : 0);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<VectorHit>> SearchAsync(string collection, ReadOnlyMemory<float> vector, int k, VectorFilter? filter = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        lock (_gate)
        {
            if (Current(collection) is not { } loaded)
                return Task.FromResult<IReadOnlyList<VectorHit>>([]);
            VectorCollection.CheckDimensions(collection, loaded.Index.Dimensions, vector.Length);
            var best = loaded.Index.Search(vector.Span, k, filter);
            var texts = loaded.Table.Texts(best.Select(b => b.Id).ToList());
            return Task.FromResult<IReadOnlyList<VectorHit>>(best.Select(b => new VectorHit(b.Id, b.Score, texts[b.Id], loaded.Index.Metadata(b.Id)!)).ToList());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<VectorHit>> SearchTextAsync(string collection, string query, int k, VectorFilter? filter = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        lock (_gate)
            if (Current(collection) is null) // loads (and upgrades) the collection on first use
                return Task.FromResult<IReadOnlyList<VectorHit>>([]);
        lock (_readGate)
            return Task.FromResult<IReadOnlyList<VectorHit>>(new ChunkTable(_reader, collection).SearchText(query, k, filter));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredChunk>> ListHashesAsync(string collection, VectorFilter? filter = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (Get(collection) is not { } loaded)
                return Task.FromResult<IReadOnlyList<StoredChunk>>([]);
            return Task.FromResult<IReadOnlyList<StoredChunk>>(loaded.Index.Matching(filter)
                .Select(id =>
                {
                    var metadata = loaded.Index.Metadata(id)!;
                    return new StoredChunk(id, metadata.ContentHash, metadata.Model, metadata.Scope);
                }).ToList());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<VectorRecord>> GetAsync(string collection, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (Get(collection) is not { } loaded)
                return Task.FromResult<IReadOnlyList<VectorRecord>>([]);
            var found = ids.Distinct(StringComparer.Ordinal).Where(id => loaded.Index.Metadata(id) is not null).ToList();
            var texts = found.Chunk(500).SelectMany(part => loaded.Table.Texts(part)).ToDictionary(StringComparer.Ordinal);
            return Task.FromResult<IReadOnlyList<VectorRecord>>(found
                .Select(id => new VectorRecord(id, loaded.Index.Vector(id), texts[id], loaded.Index.Metadata(id)!)).ToList());
        }
    }

    /// <summary>Writes the snapshot of every collection changed since its last snapshot.</summary>
    public void Flush()
    {
        lock (_gate)
            foreach (var (name, loaded) in _collections)
                if (loaded.SnapshotGeneration != loaded.Generation)
                {
                    VectorFile.Write(SnapshotPath(name), loaded.Index, loaded.Generation);
                    loaded.SnapshotGeneration = loaded.Generation;
                }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Flush();
        _reader.Dispose();
        _db.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private int Remove(string collection, Loaded loaded, IReadOnlyList<string> ids)
    {
        var removed = 0;
        Write(collection, loaded, (table, transaction) =>
        {
            foreach (var id in ids)
                removed += table.Delete(id, transaction);
        });
        foreach (var id in ids)
            loaded.Index.Remove(id);
        return removed;
    }

    private void Write(string collection, Loaded loaded, Action<ChunkTable, SqliteTransaction> change)
    {
        using var transaction = _db.BeginTransaction();
        change(loaded.Table, transaction);
        using var bump = _db.CreateCommand();
        bump.Transaction = transaction;
        bump.CommandText = "UPDATE collections SET generation = generation + 1 WHERE name = @name";
        bump.Parameters.AddWithValue("@name", collection);
        bump.ExecuteNonQuery();
        transaction.Commit();
        loaded.Generation++;
    }

    /// <summary>The collection, loaded on first use; created with <paramref name="dimensions"/> when given and missing.</summary>
    private Loaded? Get(string collection, int? dimensions = null)
    {
        VectorCollection.Validate(collection);
        if (_collections.TryGetValue(collection, out var loaded))
            return loaded;
        using var command = _db.CreateCommand();
        command.CommandText = "SELECT dimensions, generation FROM collections WHERE name = @name";
        command.Parameters.AddWithValue("@name", collection);
        (int Dimensions, long Generation)? stored = null;
        using (var reader = command.ExecuteReader())
            if (reader.Read())
                stored = (reader.GetInt32(0), reader.GetInt64(1));
        // Loading may upgrade the collection's tables: no reader may be open on the connection then.
        if (stored is { } s)
            loaded = Load(collection, s.Dimensions, s.Generation);
        if (loaded is null && dimensions is { } d)
        {
            ArgumentOutOfRangeException.ThrowIfZero(d, "vector.Length");
            loaded = new Loaded(new CollectionIndex(d), new ChunkTable(_db, collection), 0);
            loaded.Table.Create();
            command.CommandText = "INSERT INTO collections (name, dimensions, generation) VALUES (@name, @dimensions, 0)";
            command.Parameters.AddWithValue("@dimensions", d);
            command.ExecuteNonQuery();
        }
        if (loaded is not null)
            _collections[collection] = loaded;
        return loaded;
    }

    /// <summary>The collection as stored now: loaded again when another process changed it since it was loaded.</summary>
    private Loaded? Current(string collection)
    {
        if (Get(collection) is not { } loaded)
            return null;
        using var command = _db.CreateCommand();
        command.CommandText = "SELECT generation FROM collections WHERE name = @name";
        command.Parameters.AddWithValue("@name", collection);
        if (command.ExecuteScalar() is not long stored || stored == loaded.Generation)
            return loaded;
        _collections.Remove(collection);
        return Get(collection);
    }

    private Loaded Load(string collection, int dimensions, long generation)
    {
        var table = new ChunkTable(_db, collection);
        table.Upgrade();
        var index = new CollectionIndex(dimensions);
        var snapshot = VectorFile.TryRead(SnapshotPath(collection), dimensions, generation);
        var rows = table.ReadAll(vectors: snapshot is null).ToList();
        var metadata = rows.ToDictionary(r => r.Id, r => r.Metadata, StringComparer.Ordinal);
        if (snapshot is { } s && s.Ids.Length == rows.Count && s.Ids.All(metadata.ContainsKey))
        {
            for (var i = 0; i < s.Ids.Length; i++)
                index.Put(s.Ids[i], s.Vectors.AsSpan(i * dimensions, dimensions), metadata[s.Ids[i]]);
            return new Loaded(index, table, generation) { SnapshotGeneration = generation };
        }
        if (snapshot is not null)
            rows = table.ReadAll(vectors: true).ToList();
        foreach (var row in rows)
            index.Put(row.Id, row.Vector, row.Metadata);
        return new Loaded(index, table, generation);
    }

    private string SnapshotPath(string collection) => Path.Combine(_folder, collection + ".vec");

    private sealed class Loaded(CollectionIndex index, ChunkTable table, long generation)
    {
        public CollectionIndex Index { get; } = index;
        public ChunkTable Table { get; } = table;
        public long Generation { get; set; } = generation;
        public long SnapshotGeneration { get; set; } = -1;
    }
}
