using Noa.Abstractions;
using Noa.Vectors.Embedded;
using static Noa.Conformance.VectorStoreConformance<Noa.Conformance.EmbeddedVectorFixture>;

namespace Noa.Conformance;

/// <summary>The embedded store's snapshot file: its format, and that a stale or broken one never wins over SQLite.</summary>
public sealed class EmbeddedVectorStoreTests(EmbeddedVectorFixture fixture) : IClassFixture<EmbeddedVectorFixture>
{
    [Fact]
    public async Task Dispose_WritesSnapshotWithHeader()
    {
        var store = await fixture.CreateVectorStoreAsync();
        var folder = fixture.FolderOf(store);
        await store.UpsertAsync("code", [Record("a", [3, 4])]);

        await fixture.ReopenAsync(store);

        var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, "code.vec"));
        Assert.Equal("NVEC"u8.ToArray(), bytes[..4]);
        Assert.Equal(1, BitConverter.ToInt32(bytes, 4));
        Assert.Equal(2, BitConverter.ToInt32(bytes, 8));
        Assert.Equal(1, BitConverter.ToInt32(bytes, 12));
        Assert.Equal([0.6f, 0.8f], [BitConverter.ToSingle(bytes, bytes.Length - 8), BitConverter.ToSingle(bytes, bytes.Length - 4)]);
        Assert.False(File.Exists(Path.Combine(folder, "code.vec.tmp")));
    }

    [Fact]
    public async Task Reopen_CollectionFromBeforeTheWordsColumn_IsUpgradedAndFindsIdentifierParts()
    {
        var store = await fixture.CreateVectorStoreAsync();
        var folder = fixture.FolderOf(store);
        await store.UpsertAsync("code", [Record("a", [1, 0], "byte[] readAllBytes(Path p)"), Record("b", [0, 1], "int size()")]);
        await ((EmbeddedVectorStore)store).DisposeAsync();
        // The shape of a collection written before the words column: FTS5 over the raw text.
        await using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "vectors.db")};Pooling=False"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = """
                DROP TRIGGER c_code_ai; DROP TRIGGER c_code_ad; DROP TRIGGER c_code_au; DROP TABLE c_code_fts;
                ALTER TABLE c_code DROP COLUMN words;
                CREATE VIRTUAL TABLE c_code_fts USING fts5(text, content='c_code', content_rowid='rowid');
                CREATE TRIGGER c_code_ai AFTER INSERT ON c_code BEGIN INSERT INTO c_code_fts(rowid, text) VALUES (new.rowid, new.text); END;
                INSERT INTO c_code_fts(c_code_fts) VALUES ('rebuild');
                """;
            command.ExecuteNonQuery();
        }

        var reopened = fixture.Open(folder);

        Assert.Equal(["a"], (await reopened.SearchTextAsync("code", "read all bytes", 10)).Select(h => h.Id));
        await reopened.UpsertAsync("code", [Record("c", [1, 1], "void writeAllLines()")]);
        Assert.Equal(["c"], (await reopened.SearchTextAsync("code", "write lines", 10)).Select(h => h.Id));
        Assert.Equal(3, (await reopened.ListHashesAsync("code")).Count);
    }

    [Fact]
    public async Task Reopen_CollectionFromBeforeTenants_GivesItsChunksToTheLocalTenant()
    {
        var store = await fixture.CreateVectorStoreAsync();
        var folder = fixture.FolderOf(store);
        await store.UpsertAsync("code", [Record("a", [1, 0], "alpha words")]);
        await ((EmbeddedVectorStore)store).DisposeAsync();
        await using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "vectors.db")};Pooling=False"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "ALTER TABLE c_code DROP COLUMN tenant;";
            command.ExecuteNonQuery();
        }

        var reopened = fixture.Open(folder);

        Assert.Equal(["a"], (await reopened.SearchTextAsync("code", "alpha", 10, new VectorFilter { Tenant = Tenants.Local })).Select(h => h.Id));
        Assert.Empty(await reopened.SearchAsync("code", new float[] { 1, 0 }, 10, new VectorFilter { Tenant = "team-a" }));
        await reopened.UpsertAsync("code", [Record("b", [0, 1], "beta words", tenant: "team-a")]);
        Assert.Equal(["b"], (await reopened.ListHashesAsync("code", new VectorFilter { Tenant = "team-a" })).Select(h => h.Id));
    }

    [Fact]
    public async Task Reopen_WithStaleSnapshot_LoadsEveryRowFromSqlite()
    {
        var store = (EmbeddedVectorStore)await fixture.CreateVectorStoreAsync();
        var folder = fixture.FolderOf(store);
        await store.UpsertAsync("code", [Record("a", [1, 0])]);
        store.Flush();
        var stale = await File.ReadAllBytesAsync(Path.Combine(folder, "code.vec"));
        await store.UpsertAsync("code", [Record("b", [0, 1])]);
        await store.DeleteAsync("code", ["a"]);

        await fixture.ReopenAsync(store);
        await File.WriteAllBytesAsync(Path.Combine(folder, "code.vec"), stale);
        var reopened = fixture.Open(folder + "/");

        Assert.Equal(["b"], (await reopened.SearchAsync("code", new float[] { 1, 0 }, 5)).Select(h => h.Id));
    }

    [Fact]
    public async Task Reopen_WithTruncatedSnapshot_LoadsFromSqlite()
    {
        var store = await fixture.CreateVectorStoreAsync();
        var folder = fixture.FolderOf(store);
        await store.UpsertAsync("code", [Record("a", [1, 0]), Record("b", [0, 1])]);
        await fixture.ReopenAsync(store);
        var path = Path.Combine(folder, "code.vec");
        await File.WriteAllBytesAsync(path, (await File.ReadAllBytesAsync(path))[..10]);

        var reopened = fixture.Open(folder + "/");

        Assert.Equal(["b", "a"], (await reopened.SearchAsync("code", new float[] { 0, 1 }, 5)).Select(h => h.Id));
    }

    [Fact]
    public async Task Search_AfterAnotherProcessChangedTheCollection_AnswersFromWhatIsStoredNow()
    {
        var writer = await fixture.CreateVectorStoreAsync();
        var folder = fixture.FolderOf(writer);
        await writer.UpsertAsync("code", [Record("a", [1, 0], "alpha words")]);
        // A long-lived reader (the resident search process) loads the collection, then a digest elsewhere changes it.
        var reader = fixture.Open(folder + "/");
        Assert.Equal(["a"], (await reader.SearchAsync("code", new float[] { 1, 0 }, 5)).Select(h => h.Id));

        await writer.UpsertAsync("code", [Record("b", [1, 0.1f], "beta words")]);
        await writer.DeleteAsync("code", ["a"]);

        Assert.Equal(["b"], (await reader.SearchAsync("code", new float[] { 1, 0 }, 5)).Select(h => h.Id));
        Assert.Equal(["b"], (await reader.SearchTextAsync("code", "beta", 5)).Select(h => h.Id));
        Assert.Empty(await reader.SearchTextAsync("code", "alpha", 5));
    }
}
