using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Storage.Postgres;
using Noa.Storage.Sql;
using Npgsql;

namespace Noa.Conformance;

/// <summary>What only the Postgres store promises: migrations once under concurrent start-up, the SQLite schema, identity ids.</summary>
public sealed class PostgresMetadataStoreTests(PostgresFixture fixture, ITestOutputHelper output)
    : ConformanceSuite<PostgresFixture>(fixture, output)
{
    [Fact]
    public async Task Open_ManyProcessesAtOnce_ApplyEachMigrationOnce()
    {
        RequireServer();
        var connectionString = await Fixture.NewSchemaAsync();
        var stores = Enumerable.Range(0, 8).Select(_ => Fixture.Open(connectionString)).ToArray();

        var versions = await Task.WhenAll(stores.Select(s => Task.Run(() => s.SchemaVersionAsync(CancellationToken.None))));

        var latest = MetadataSchema.For(SqlDialect.Postgres)[^1].Version;
        Assert.All(versions, v => Assert.Equal(latest, v));
        var schema = new NpgsqlConnectionStringBuilder(connectionString).SearchPath;
        Assert.Equal((long)latest, await Fixture.ScalarAsync($"SELECT COUNT(*) FROM {schema}.schema_migrations;"));
    }

    [Fact]
    public async Task Migrations_CreateTheSameTablesAndColumnsAsSqlite()
    {
        RequireServer();
        var connectionString = await Fixture.NewSchemaAsync();
        await Fixture.Open(connectionString).SchemaVersionAsync(CancellationToken.None);
        var schema = new NpgsqlConnectionStringBuilder(connectionString).SearchPath;
        using var sqliteFolder = new TempFolder("noa-pg-vs-sqlite");
        var sqlite = $"Data Source={sqliteFolder.Next("meta")}.db;Pooling=false";
        await SqliteFixture.Open(sqlite).QueryAsync(new AuditQuery());

        var postgresColumns = new List<string>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = @s ORDER BY table_name COLLATE \"C\", ordinal_position;", connection);
            command.Parameters.AddWithValue("s", schema!);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                postgresColumns.Add(reader.GetString(0));
        }
        var sqliteColumns = new List<string>();
        await using (var connection = new SqliteConnection(sqlite))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT t.name || '.' || c.name FROM sqlite_master t JOIN pragma_table_info(t.name) c
                WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY t.name, c.cid;
                """;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                sqliteColumns.Add(reader.GetString(0));
        }

        Assert.Contains("stage_attempts.worker", postgresColumns);
        Assert.Equal(sqliteColumns, postgresColumns);
    }

    [Fact]
    public async Task Append_FromSeveralProcesses_KeepsEveryRecordUnderDistinctIdentityIds()
    {
        RequireServer();
        var connectionString = await Fixture.NewSchemaAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => Fixture.Open(connectionString)).ToArray();
        var at = DateTimeOffset.UnixEpoch;

        await Task.WhenAll(stores.Select((store, s) => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await store.AppendAsync(new AuditRecord { At = at, Actor = $"p{s}", Action = "ApiCalled" });
                await store.SaveAttemptAsync(new StageAttempt { RunId = "r", Stage = $"s{s}", Attempt = i + 1, StartedAt = at });
            }
        })));

        var schema = new NpgsqlConnectionStringBuilder(connectionString).SearchPath;
        Assert.Equal(200, (await stores[0].QueryAsync(new AuditQuery(Limit: 1000))).Count);
        Assert.Equal(200L, await Fixture.ScalarAsync($"SELECT COUNT(DISTINCT id) FROM {schema}.audit;"));
        Assert.Equal(200, (await stores[3].GetAttemptsAsync("r")).Count);
    }

    [Fact]
    public async Task AddPostgresMetadata_CalledTwice_RegistersOneStoreAndOneHealthyReadyCheck()
    {
        RequireServer();
        var settings = Fixture.Settings(await Fixture.NewSchemaAsync());
        void Configure(PostgresSettings s) => (s.ConnectionString, s.PasswordFile) = (settings.ConnectionString, settings.PasswordFile);
        await using var provider = new ServiceCollection().AddLogging()
            .AddPostgresMetadata(Configure)
            .AddPostgresMetadata(Configure)
            .BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"));

        Assert.Same(provider.GetRequiredService<IRunStore>(), provider.GetRequiredService<IAuditLog>());
        var entry = Assert.Single(report.Entries);
        Assert.Equal(("postgres", HealthStatus.Healthy), (entry.Key, entry.Value.Status));
    }

    [Fact]
    public async Task HealthCheck_ServerNotListening_IsUnhealthy()
    {
        await using var provider = new ServiceCollection().AddLogging()
            .AddPostgresMetadata(s => s.ConnectionString = "Host=127.0.0.1;Port=1;Username=postgres;Timeout=2")
            .BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"));

        Assert.Equal(HealthStatus.Unhealthy, Assert.Single(report.Entries).Value.Status);
    }

    [Fact]
    public async Task ServiceProvider_DisposedSynchronously_DisposesTheStore()
    {
        RequireServer();
        var settings = Fixture.Settings(await Fixture.NewSchemaAsync());
        var provider = new ServiceCollection().AddLogging()
            .AddPostgresMetadata(s => (s.ConnectionString, s.PasswordFile) = (settings.ConnectionString, settings.PasswordFile))
            .BuildServiceProvider();
        await provider.GetRequiredService<IAuditLog>().AppendAsync(new AuditRecord { At = DateTimeOffset.UnixEpoch, Actor = "a", Action = "ApiCalled" });

        // A container holding an IAsyncDisposable-only singleton throws here.
        provider.Dispose();
    }

    [Fact]
    public async Task Migrate_FromVersion3_GivesEachGatewayRunToItsKeyAndTheRestToLocal()
    {
        RequireServer();
        var connectionString = await Fixture.NewSchemaAsync();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await Version3Database.SeedAsync(connection, SqlDialect.Postgres);
        }

        var store = Fixture.Open(connectionString);

        Assert.Equal(["r-gateway"], (await store.ListRunsAsync(new RunQuery(Tenant: "k1"))).Select(r => r.RunId));
        Assert.Equal(["r-cli"], (await store.ListRunsAsync(new RunQuery(Tenant: Tenants.Local))).Select(r => r.RunId));
        Assert.Equal("k1", (await store.GetRunAsync("r-gateway"))!.Request.Tenant);
    }

    [Fact]
    public void Create_ConnectionStringWithPassword_IsRefused()
    {
        var settings = new PostgresSettings { ConnectionString = "Host=127.0.0.1;Username=noa;Password=hunter2" };

        var error = Assert.ThrowsAny<InvalidOperationException>(() => new PostgresMetadataStore(Options.Create(settings), NullLogger<PostgresMetadataStore>.Instance));

        Assert.Contains("PasswordFile", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }
}
