using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Vectors.Postgres;
using Npgsql;

namespace Noa.Conformance;

/// <summary>pgvector stores, each over a fresh schema of the Postgres server (see <see cref="PostgresFixture"/>), whose search path also reaches <c>public</c> for the extension's type.</summary>
public class PostgresVectorFixture : IVectorStoreFixture, IAsyncLifetime
{
    private readonly PostgresFixture _server = new();
    private readonly int? _copyFrom;

    /// <summary>Stores with the default settings: small batches row by row, large ones by COPY.</summary>
    public PostgresVectorFixture()
    {
    }

    /// <summary>Stores that load batches of at least <paramref name="copyFrom"/> records by COPY, building HNSW after a first load.</summary>
    protected PostgresVectorFixture(int copyFrom) => _copyFrom = copyFrom;
    private readonly Dictionary<IVectorStore, string> _connections = [];

    /// <inheritdoc />
    public string? Unavailable => _server.Unavailable;

    /// <inheritdoc />
    public ValueTask InitializeAsync() => _server.InitializeAsync();

    /// <inheritdoc />
    public async Task<IVectorStore> CreateVectorStoreAsync()
    {
        var schema = new NpgsqlConnectionStringBuilder(await _server.NewSchemaAsync());
        schema.SearchPath += ",public";
        return Open(schema.ToString());
    }

    /// <inheritdoc />
    public async Task<IVectorStore> ReopenAsync(IVectorStore store)
    {
        string connection;
        lock (_connections)
            _connections.Remove(store, out connection!);
        await ((PostgresVectorStore)store).DisposeAsync();
        return Open(connection);
    }

    /// <summary>The connection string (with its schema first on the search path) a store of this fixture uses.</summary>
    public string ConnectionOf(IVectorStore store)
    {
        lock (_connections)
            return _connections[store];
    }

    private PostgresVectorStore Open(string connectionString)
    {
        var settings = new PostgresVectorSettings { ConnectionString = connectionString };
        if (_copyFrom is { } copyFrom)
            (settings.CopyFrom, settings.IndexAfterLoadFrom) = (copyFrom, copyFrom);
        var store = new PostgresVectorStore(Options.Create(settings));
        lock (_connections)
            _connections[store] = connectionString;
        return store;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var store in _connections.Keys)
            await ((PostgresVectorStore)store).DisposeAsync();
        await _server.DisposeAsync();
    }
}
