using Noa.Abstractions;
using Npgsql;
using static Noa.Conformance.VectorStoreConformance<Noa.Conformance.PostgresCopyVectorFixture>;

namespace Noa.Conformance;

/// <summary>pgvector's COPY load: a first load into an empty collection drops its HNSW index and must build it again.</summary>
public sealed class PostgresVectorStoreTests(PostgresCopyVectorFixture fixture) : IClassFixture<PostgresCopyVectorFixture>
{
    [Fact]
    public async Task Upsert_FirstCopyLoad_RebuildsHnswIndex()
    {
        if (fixture.Unavailable is { } why)
        {
            Requirement.Unmet(why);
            return;
        }
        var store = await fixture.CreateVectorStoreAsync();
        await store.UpsertAsync("code", [Record("a", [1, 0]), Record("b", [0, 1])]);
        await store.UpsertAsync("code", [Record("c", [1, 1])]);

        await using var connection = new NpgsqlConnection(fixture.ConnectionOf(store));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'v_code' ORDER BY indexname", connection);
        var indexes = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                indexes.Add(reader.GetString(0));

        Assert.Contains(indexes, i => i.Contains("USING hnsw (embedding vector_cosine_ops)", StringComparison.Ordinal));
        Assert.Contains(indexes, i => i.Contains("USING gin (tsv)", StringComparison.Ordinal));
        Assert.Equal(3, indexes.Count);
    }

    [Fact]
    public async Task Open_CollectionFromBeforeTenants_GivesItsChunksToTheLocalTenant()
    {
        if (fixture.Unavailable is { } why)
            Requirement.Unmet(why);
        var store = await fixture.CreateVectorStoreAsync();
        await store.UpsertAsync("code", [Record("a", [1, 0], "alpha words")]);
        var connectionString = fixture.ConnectionOf(store);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand("ALTER TABLE v_code DROP COLUMN tenant", connection);
            await drop.ExecuteNonQueryAsync();
        }

        var reopened = await fixture.ReopenAsync(store);

        Assert.Equal(["a"], (await reopened.SearchTextAsync("code", "alpha", 10, new VectorFilter { Tenant = Tenants.Local })).Select(h => h.Id));
        Assert.Empty(await reopened.SearchAsync("code", new float[] { 1, 0 }, 10, new VectorFilter { Tenant = "team-a" }));
        await reopened.UpsertAsync("code", [Record("b", [0, 1], "beta words", tenant: "team-a")]);
        Assert.Equal(["b"], (await reopened.ListHashesAsync("code", new VectorFilter { Tenant = "team-a" })).Select(h => h.Id));
    }
}
