using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Noa.Abstractions;
using Noa.Storage.Sql;
using Noa.Storage.Sqlite;

namespace Noa.Conformance;

/// <summary>What only the SQLite store promises: migrations applied once, several stores (processes) on one file.</summary>
public sealed class SqliteMetadataStoreTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    [Fact]
    public async Task Open_Twice_AppliesEachMigrationOnceInWalMode()
    {
        var connectionString = fixture.NewConnectionString();
        SqliteFixture.Open(connectionString);
        SqliteFixture.Open(connectionString);

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        Assert.Equal((long)MetadataSchema.For(SqlDialect.Sqlite).Count, await ScalarAsync(connection, "SELECT COUNT(*) FROM schema_migrations;"));
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task Open_OnACurrentSchemaWhileAWriterHoldsTheLock_DoesNotWaitForIt()
    {
        var connectionString = fixture.NewConnectionString();
        SqliteFixture.Open(connectionString);
        await using var writer = new SqliteConnection(connectionString);
        await writer.OpenAsync();
        await using var transaction = writer.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: the write lock

        // A reader (`noa runs list` during a digest) finds every migration recorded and takes no lock: it opens at once
        // instead of queueing behind the writer for the busy timeout (10 s) and then failing.
        var open = Task.Run(() => SqliteFixture.Open(connectionString));
        var finished = await Task.WhenAny(open, Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));

        Assert.Same(open, finished);
        Assert.Empty(await (await open).ListRunsAsync(new RunQuery(null, 10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Open_ADatabaseOfAnEarlierVersion_AppliesTheMigrationsItLacks()
    {
        // The control for the test above: a file an earlier noa made (every migration but the last) is not current, so
        // opening it migrates.
        var connectionString = fixture.NewConnectionString();
        var migrations = MetadataSchema.For(SqlDialect.Sqlite);
        await using (var earlier = new SqliteConnection(connectionString))
        {
            await earlier.OpenAsync();
            await ExecuteAsync(earlier, SchemaMigrator.CreateTable);
            foreach (var migration in migrations.Take(migrations.Count - 1))
            {
                await ExecuteAsync(earlier, migration.Sql);
                await ExecuteAsync(earlier, $"INSERT INTO schema_migrations VALUES ({migration.Version}, 'earlier', '');");
            }
        }

        SqliteFixture.Open(connectionString);

        await using var check = new SqliteConnection(connectionString);
        await check.OpenAsync();
        Assert.Equal((long)migrations.Count, await ScalarAsync(check, "SELECT COUNT(*) FROM schema_migrations;"));
        Assert.Equal("wal", await ScalarAsync(check, "PRAGMA journal_mode;"));
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Append_FromSeveralStoresOnOneFile_KeepsEveryRecord()
    {
        var connectionString = fixture.NewConnectionString();
        var stores = Enumerable.Range(0, 4).Select(_ => SqliteFixture.Open(connectionString)).ToArray();
        var at = DateTimeOffset.UnixEpoch;

        await Task.WhenAll(stores.Select((store, s) => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await store.AppendAsync(new AuditRecord { At = at, Actor = $"p{s}", Action = "ApiCalled" });
                await store.SaveAttemptAsync(new StageAttempt { RunId = "r", Stage = $"s{s}", Attempt = i + 1, StartedAt = at });
            }
        })));

        Assert.Equal(200, (await stores[0].QueryAsync(new AuditQuery(Limit: 1000))).Count);
        Assert.Equal(200, (await stores[3].GetAttemptsAsync("r")).Count);
    }

    [Fact]
    public async Task AddSqliteMetadata_CalledTwice_RegistersOneStoreAndOneHealthyReadyCheck()
    {
        var connectionString = fixture.NewConnectionString();
        await using var provider = new ServiceCollection().AddLogging()
            .AddSqliteMetadata(s => s.ConnectionString = connectionString)
            .AddSqliteMetadata(s => s.ConnectionString = connectionString)
            .BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"));

        Assert.Same(provider.GetRequiredService<IRunStore>(), provider.GetRequiredService<IAuditLog>());
        var entry = Assert.Single(report.Entries);
        Assert.Equal(("sqlite", HealthStatus.Healthy), (entry.Key, entry.Value.Status));
    }

    [Fact]
    public async Task Migrate_FromVersion3_GivesEachGatewayRunToItsKeyAndTheRestToLocal()
    {
        var connectionString = fixture.NewConnectionString();
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await Version3Database.SeedAsync(connection, SqlDialect.Sqlite);
        }

        var store = SqliteFixture.Open(connectionString);

        Assert.Equal(["r-gateway"], (await store.ListRunsAsync(new RunQuery(Tenant: "k1"))).Select(r => r.RunId));
        Assert.Equal(["r-cli"], (await store.ListRunsAsync(new RunQuery(Tenant: Tenants.Local))).Select(r => r.RunId));
        Assert.Equal("k1", (await store.GetRunAsync("r-gateway"))!.Request.Tenant);
        Assert.Null((await store.GetKeyAsync("k1"))!.Tenant);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
