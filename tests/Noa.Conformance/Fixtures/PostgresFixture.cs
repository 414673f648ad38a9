using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Storage.Postgres;
using Npgsql;

namespace Noa.Conformance;

/// <summary>
/// Fresh schemas on the Postgres server of <c>NOA_TEST_POSTGRES</c> (default: the one scripts/services.sh
/// starts on 127.0.0.1:5432), one per store, dropped when the test class ends.
/// </summary>
public sealed class PostgresFixture : IRunStoreFixture, IAuditLogFixture, IAsyncLifetime
{
    private readonly List<string> _schemas = [];
    private readonly List<PostgresMetadataStore> _stores = [];
    private readonly TempFolder _secrets = new("noa-pg-secret");
    private readonly NpgsqlConnectionStringBuilder _server;

    /// <summary>Reads the server address.</summary>
    public PostgresFixture()
    {
        var configured = Environment.GetEnvironmentVariable("NOA_TEST_POSTGRES");
        _server = new NpgsqlConnectionStringBuilder(string.IsNullOrEmpty(configured) ? "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres" : configured)
        {
            Timeout = 5,
        };
    }

    /// <inheritdoc />
    public string? Unavailable { get; private set; }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(_server.ToString());
            await connection.OpenAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            Unavailable = $"Postgres is not reachable at {_server.Host}:{_server.Port} ({e.Message})";
        }
    }

    /// <summary>A connection string (without password) whose search path is a new, empty schema.</summary>
    public async Task<string> NewSchemaAsync()
    {
        var schema = $"noa_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE SCHEMA {schema};");
        lock (_schemas)
            _schemas.Add(schema);
        return new NpgsqlConnectionStringBuilder(_server.ConnectionString) { SearchPath = schema, Password = null }.ToString();
    }

    /// <summary>A store over the given schema (its connection string from <see cref="NewSchemaAsync"/>), disposed with the fixture.</summary>
    public PostgresMetadataStore Open(string connectionString)
    {
        var store = new PostgresMetadataStore(Options.Create(Settings(connectionString)), NullLogger<PostgresMetadataStore>.Instance);
        lock (_stores)
            _stores.Add(store);
        return store;
    }

    /// <summary>Settings for a connection string; a password of <c>NOA_TEST_POSTGRES</c> goes through a file, as in production.</summary>
    public PostgresSettings Settings(string connectionString)
    {
        var settings = new PostgresSettings { ConnectionString = connectionString };
        if (!string.IsNullOrEmpty(_server.Password))
        {
            settings.PasswordFile = _secrets.Next("password");
            File.WriteAllText(settings.PasswordFile, _server.Password + "\n");
        }
        return settings;
    }

    /// <summary>Runs one statement on the server (outside any test schema) and returns its first value.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <inheritdoc />
    public async Task<IRunStore> CreateRunStoreAsync() => Open(await NewSchemaAsync());

    /// <inheritdoc />
    public async Task<IAuditLog> CreateAuditLogAsync() => Open(await NewSchemaAsync());

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
            await store.DisposeAsync();
        if (Unavailable is null)
            foreach (var schema in _schemas)
                await ExecuteAsync($"DROP SCHEMA IF EXISTS {schema} CASCADE;");
        _secrets.Dispose();
    }

    private Task ExecuteAsync(string sql) => ScalarAsync(sql);
}
