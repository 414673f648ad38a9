using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>What every <see cref="IVectorStore"/> must do: cosine order, filters, deletion, hashes, keyword and hybrid search.</summary>
public abstract class VectorStoreConformance<TFixture>(TFixture fixture, ITestOutputHelper output)
    : ConformanceSuite<TFixture>(fixture, output)
    where TFixture : class, IVectorStoreFixture
{
    private const string C = "chunks";

    [Fact]
    public async Task Search_OrdersByCosineBestFirst()
    {
        RequireServer();
        var store = await Fixture.CreateVectorStoreAsync();
        await store.UpsertAsync(C, [Record("d", [-1, 0, 0]), Record("b", [0.8f, 0.6f, 0]), Record("c", [0, 3, 0]), Record("a", [5, 0, 0])]);

        var hits = await store.SearchAsync(C, new float[] { 2, 0, 0 }, 10);

        Assert.Equal(["a", "b", "c", "d"], hits.Select(h => h.Id));
        Assert.Equal([1.0, 0.8, 0.0, -1.0], hits.Select(h => Math.Round(h.Score, 4)));
        Assert.Equal(["a", "b"], (await store.SearchAsync(C, new float[] { 1, 0, 0 }, 2)).Select(h => h.Id));
    }

    [Fact]
    public async Task Search_ReturnsTextAndEveryMetadataField()
    {
        RequireServer();
        var store = await Fixture.CreateVectorStoreAsync();
        var metadata = new ChunkMetadata
        {
            Source = "git:repo", Run = "r1", Language = "python", Path = "src/app/config.py", Kind = "function",
            Symbol = "Loader.parse_config", StartLine = 10, EndLine = 42, ContentHash = "sha-1", Model = "all-MiniLM-L6-v2",
            Tenant = "team-a", Scope = "test",
        };
        await store.UpsertAsync(C, [new VectorRecord("x", new float[] { 0, 1 }, "def parse_config(path):\n    pass", metadata)]);

        var hit = Assert.Single(await store.SearchAsync(C, new float[] { 0, 1 }, 5));

        Assert.Equal(new VectorHit("x", hit.Score, "def parse_config(path):\n    pass", metadata), hit);
    }

    [Fact]
    public async Task Upsert_SameId_ReplacesVectorTextAndMetadata()
    {
        RequireServer();
        var store = await Fixture.CreateVectorStoreAsync();
        await store.UpsertAsync(C, [Record("a", [1, 0], "old words"), Record("b", [0.9f, 0.1f])]);
        await store.UpsertAsync(C, [Record("a", [0, 1], "new words", hash: "h2")]);

        var hits = await store.SearchAsync(C, new float[] { 1, 0 }, 10);

        Assert.Equal(["b", "a"], hits.Select(h => h.Id));
        Assert.Equal("h2", hits[1].Metadata.ContentHash);
        Assert.Empty(await store.SearchTextAsync(C, "old", 10));
        Assert.Equal("a", Assert.Single(await store.SearchTextAsync(C, "new", 10)).Id);
    }

    [Fact]
    public async Task TextSearch_BestRankFirst_EqualRanksByIdAcrossTheCut_WithAndWithoutFilter()
    {
        RequireServer();
        var store = await Fixture.CreateVectorStoreAsync();
        // Stored out of id order, so the order of storage cannot pass for the order of ids among equal ranks.
        await store.UpsertAsync(C, [.. new[] { "t5", "t3", "t1", "t4", "t2" }.Select(id => Record(id, [1, 0], "tie words")),
            Record("z-best", [1, 0], "tie tie"), Record("control", [1, 0], "other words")]);

        // k cuts through the five equal ranks: which of them make it is decided by id, as if every match were sorted.
        Assert.Equal(["z-best", "t1", "t2"], (await store.SearchTextAsync(C, "tie", 3)).Select(h => h.Id));
        Assert.Equal(["z-best", "t1", "t2"], (await store.SearchTextAsync(C, "tie", 3, new VectorFilter { Run = "r" })).Select(h => h.Id));
        Assert.Equal(["z-best", "t1", "t2", "t3", "t4", "t5"], (await store.SearchTextAsync(C, "tie", 10)).Select(h => h.Id));
        Assert.Empty(await store.SearchTextAsync(C, "tie", 3, new VectorFilter { Run = "other" }));
    }

    [Fact]
    public async Task Get_ReturnsStoredRecordsByIdAndSkipsUnknownOnes()
    {
        RequireServer();
        var store = await Fixture.CreateVectorStoreAsync();
        Assert.Empty(await store.GetAsync(C, ["a"]));
        await store.UpsertAsync(C, [Record("a", [3, 4], "alpha words", hash: "ha"), Record("b", [0, 2])]);

        var records = (await store.GetAsync(C, ["a", "zzz", "a"])).ToList();

        var a = Assert.Single(records);
        Assert.Equal("alpha words", a.Text);
        Assert.Equal(Record("a", [3, 4], "alpha words", hash: "ha").Metadata, a.Metadata);
        // Same direction: a store may keep vectors normalised.
        var v = a.Vector.Span;
        Assert.Equal(0.6, v[0] / Math.Sqrt(v[0] * v[0] + v[1] * v[1]), 4);
        Assert.Equal(0.8, v[1] / Math.Sqrt(v[0] * v[0] + v[1] * v[1]), 4);
        Assert.Equal(["a", "b"], (await store.GetAsync(C, ["b", "a"])).Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Upsert_SameIdTwiceInOneBatch_LastWins()
    {
        RequireServer();
        var store = await Fixture.CreateVectorStoreAsync();
        await store.UpsertAsync(C, [Record("a", [1, 0], "first words", hash: "h1"), Record("b", [0, 1]), Record("a", [0, 1], "second words", hash: "h2")]);

        var hashes = await store.ListHashesAsync(C);

        Assert.Equal([new StoredChunk("a", "h2", "m"), new StoredChunk("b", "h", "m")], hashes.OrderBy(h => h.Id, StringComparer.Ordinal));
        Assert.Empty(await store.SearchTextAsync(C, "first", 10));
        Assert.Equal(1.0, (await store.SearchAsync(C, new float[] { 0, 1 }, 2)).Single(h => h.Id == "a").Score, 4);
    }

    [Fact]
    public async Task Upsert_LargeBatches_KeepEveryRecordSearchable()
    {
        RequireServer();
        var store = await Fixture.CreateVectorStoreAsync();
        // Large enough for pgvector's COPY load and its HNSW build after a first load into an empty collection.
        float[] Angle(float i) => [MathF.Cos(i * 0.002f), MathF.Sin(i * 0.002f)];
        var records = Enumerable.Range(0, 2_500).Select(i => Record($"r{i}", Angle(i), $"word{i} common")).ToList();
        await store.UpsertAsync(C, records);
        await store.UpsertAsync(C, [.. records.Take(100).Select(r => r with { Text = "replaced text" }), Record("new", [-1, 0], "fresh")]);

        Assert.Equal(2_501, (await store.ListHashesAsync(C)).Count);
        Assert.Equal(["r2400", "r2401"], (await store.SearchAsync(C, Angle(2400.25f), 2)).Select(h => h.Id));
        Assert.Equal(["r1234"], (await store.SearchTextAsync(C, "word1234", 10)).Select(h => h.Id));
        Assert.Empty(await store.SearchTextAsync(C, "word42", 10));
        Assert.Equal(100, (await store.SearchTextAsync(C, "replaced", 200)).Count);
        Assert.Equal("new", Assert.Single(await store.SearchTextAsync(C, "fresh", 10)).Id);
    }

    public static TheoryData<string, string[]> Filters => new()
    {
        { "source:s2", ["c"] },
        { "run:r2", ["b", "c"] },
        { "language:go", ["d"] },
        { "prefix:src/", ["a", "b", "d"] },
        { "prefix:src/lib", ["b"] },
        { "kind:class", ["a", "c"] },
        { "run:r1,kind:class", ["a"] },
        { "language:rust", [] },
        { "tenant:team-b", ["b", "d"] },
        { "tenant:local", ["a"] },
        { "tenant:team-b,source:s1,kind:function", ["b", "d"] },
        { "tenant:nobody", [] },
        { "scope:test", ["b"] },
        { "scope:product", ["a", "d"] },
        { "scope:product,language:go", ["d"] },
        { "scope:example", [] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task SearchListAndTextSearch_ApplyFilter(string filter, string[] expected)
    {
        RequireServer();
        var store = await Fixture.CreateVectorStoreAsync();
        await store.UpsertAsync(C,
        [
            Record("a", [1, 0], "shared word", source: "s1", run: "r1", language: "python", path: "src/app.py", kind: "class", scope: "product"),
            Record("b", [0.9f, 0.1f], "shared word", source: "s1", run: "r2", language: "python", path: "src/lib/x.py", kind: "function", tenant: "team-b", scope: "test"),
            Record("c", [0.8f, 0.2f], "shared word", source: "s2", run: "r2", language: "python", path: "docs/a.md", kind: "class", tenant: "team-c", scope: "documentation"),
            Record("d", [0.7f, 0.3f], "shared word", source: "s1", run: "r1", language: "go", path: "src/main.go", kind: "function", tenant: "team-b", scope: "product"),
        ]);
        var f = Parse(filter);

        Assert.Equal(expected, (await store.SearchAsync(C, new float[] { 1, 0 }, 10, f)).Select(h => h.Id));
        Assert.Equal(expected, (await store.ListHashesAsync(C, f)).Select(h => h.Id).Order());
        Assert.Equal(expected, (await store.SearchTextAsync(C, "shared", 10, f)).Select(h => h.Id).Order());
    }

    [Fact]
    public async Task Delete_ByIdsAndByFilter_RemovesFromEverySearch()
    {
        RequireServer();
        var store = await Fixture.CreateVectorStoreAsync();
        await store.UpsertAsync(C, [Record("a", [1, 0], "alpha", run: "r1"), Record("b", [0, 1], "beta", run: "r2"), Record("c", [1, 1], "gamma", run: "r2")]);

        Assert.Equal(1, await store.DeleteAsync(C, ["a", "missing"]));
        Assert.Empty(await store.SearchTextAsync(C, "alpha", 10));
        Assert.Equal(2, await store.DeleteAsync(C, new VectorFilter { Run = "r2" }));
        Assert.Empty(await store.SearchAsync(C, new float[] { 1, 0 }, 10));
        Assert.Empty(await store.ListHashesAsync(C));
        Assert.Equal(0, await store.DeleteAsync(C, new VectorFilter()));
    }

    [Fact]
    public async Task ListHashes_ReturnsIdHashModelAndScopeOfEveryRecord()
    {
        RequireServer();
        var store = await Fixture.CreateVectorStoreAsync();
        await store.UpsertAsync(C, [Record("a", [1, 0], hash: "h-a", model: "m1", scope: "test"), Record("b", [0, 1], hash: "h-b", model: "m2")]);

        var hashes = await store.ListHashesAsync(C);

        Assert.Equal([new StoredChunk("a", "h-a", "m1", "test"), new StoredChunk("b", "h-b", "m2", "")], hashes.OrderBy(h => h.Id, StringComparer.Ordinal));
    }

    [Fact]
    public async Task SearchText_CommonWordsAreLeftOut_UnlessTheQueryHasNothingElse()
    {
        RequireServer();
        var store = await Fixture.CreateVectorStoreAsync();
        await store.UpsertAsync(C, [Record("a", [1, 0], "parse the config of the app"), Record("b", [0, 1], "the end of the story")]);

        Assert.Equal(["a"], (await store.SearchTextAsync(C, "the config", 10)).Select(h => h.Id));
        Assert.Equal(["a", "b"], (await store.SearchTextAsync(C, "of the", 10)).Select(h => h.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SearchText_FindsIdentifiersByTheirWords()
    {
        RequireServer();
        var store = await Fixture.CreateVectorStoreAsync();
        await store.UpsertAsync(C, [Record("a", [1, 0], "byte[] readAllBytes(Path p)"), Record("b", [0, 1], "class HTTPServer2 {}"), Record("c", [1, 1], "def close(): pass")]);

        Assert.Equal(["a"], (await store.SearchTextAsync(C, "read all the bytes", 10)).Select(h => h.Id));
        Assert.Equal(["a"], (await store.SearchTextAsync(C, "readAllBytes", 10)).Select(h => h.Id));
        Assert.Equal(["b"], (await store.SearchTextAsync(C, "http server", 10)).Select(h => h.Id));
        // The text a search returns is the text stored, not the indexed words.
        Assert.Equal("byte[] readAllBytes(Path p)", (await store.SearchTextAsync(C, "bytes", 10)).Single().Text);
    }

    [Fact]
    public async Task SearchText_FindsExactIdentifierFirst()
    {
        RequireServer();
        var store = await Fixture.CreateVectorStoreAsync();
        await store.UpsertAsync(C,
        [
            Record("args", [1, 0], "def parse_args(argv):\n    return argv"),
            Record("config", [1, 0], "def parse_config(path):\n    return load_yaml(path)"),
            Record("yaml", [1, 0], "the config loader reads yaml files"),
            Record("other", [1, 0], "unrelated text about networking"),
        ]);

        Assert.Equal("config", (await store.SearchTextAsync(C, "parse_config", 10))[0].Id);
        Assert.Equal("yaml", (await store.SearchTextAsync(C, "yaml files", 10))[0].Id);
        Assert.DoesNotContain("other", (await store.SearchTextAsync(C, "parse_config", 10)).Select(h => h.Id));
        Assert.Empty(await store.SearchTextAsync(C, "\"( OR * NEAR", 10));
        Assert.Single(await store.SearchTextAsync(C, "parse_config", 1));
    }

    [Fact]
    public async Task HybridSearch_PrefersWhatBothRankingsAgreeOn()
    {
        RequireServer();
        var store = await Fixture.CreateVectorStoreAsync();
        await store.UpsertAsync(C,
        [
            Record("vector-only", [1, 0], "unrelated words"),
            Record("both", [0.9f, 0.1f], "a needle among many other words here"),
            Record("words-only", [0, 1], "needle needle"),
        ]);

        var hits = await store.HybridSearchAsync(C, new float[] { 1, 0 }, "needle", 3, candidates: 2);

        Assert.Equal(["both", "vector-only", "words-only"], hits.Select(h => h.Id));
        Assert.Equal(2.0 / 62, hits[0].Score, 6);
    }

    [Fact]
    public async Task RankedSearch_PutsTheDefinitionBeforeDocsAndTestsThatMentionItsWords()
    {
        RequireServer();
        var store = await Fixture.CreateVectorStoreAsync();
        // The README section and the test are nearer the query vector and repeat its words; the definition is third by both.
        await store.UpsertAsync(C,
        [
            Record("readme", [1, 0], "## Parsing config\nparse config files: parse_config reads a config file", language: "markdown", path: "README.md", kind: "section", scope: "product"),
            Record("test", [0.95f, 0.05f], "def test_parse_config():\n    assert parse_config('config.toml')", path: "tests/test_config.py", kind: "function", scope: "test", symbol: "test_parse_config"),
            Record("definition", [0.9f, 0.1f], "def parse_config(path):\n    return load(path)", path: "src/config.py", kind: "function", scope: "product", symbol: "parse_config"),
        ]);
        var rankings = new[] { await store.SearchAsync(C, new float[] { 1, 0 }, 10), await store.SearchTextAsync(C, "parse config", 10) };

        var ranked = SearchRanking.Rank(rankings, "parse config", 10);
        var unweighted = SearchRanking.Rank(rankings, "parse config", 10, RankingWeights.Unweighted);

        Assert.Equal(["definition", "test", "readme"], ranked.Select(h => h.Id));
        // Control: plain fusion of the same rankings puts what merely mentions the words first.
        Assert.NotEqual("definition", unweighted[0].Id);
        Assert.Equal(["test"], (await store.SearchTextAsync(C, "parse config", 10, new VectorFilter { Scope = "test" })).Select(h => h.Id));
    }

    [Fact]
    public async Task DimensionMismatch_IsRejectedNamingBothSizes()
    {
        RequireServer();
        var store = await Fixture.CreateVectorStoreAsync();
        await store.UpsertAsync(C, [Record("a", [1, 0, 0])]);

        var upsert = await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync(C, [Record("b", [1, 0, 0, 0])]));
        var search = await Assert.ThrowsAsync<ArgumentException>(() => store.SearchAsync(C, new float[] { 1, 0 }, 1));

        Assert.Contains("3-dimension", upsert.Message);
        Assert.Contains("4 dimensions", upsert.Message);
        Assert.Contains("2 dimensions", search.Message);
        Assert.Equal(["a"], (await store.ListHashesAsync(C)).Select(h => h.Id));
    }

    [Fact]
    public async Task Collections_AreIndependentAndUnknownOnesAreEmpty()
    {
        RequireServer();
        var store = await Fixture.CreateVectorStoreAsync();
        await store.UpsertAsync("code", [Record("a", [1, 0], "alpha")]);
        await store.UpsertAsync("docs", [Record("a", [1, 0, 0], "alpha")]);

        Assert.Equal(1, await store.DeleteAsync("code", ["a"]));

        Assert.Equal("a", Assert.Single(await store.SearchAsync("docs", new float[] { 1, 0, 0 }, 5)).Id);
        Assert.Empty(await store.SearchAsync("nothing", new float[] { 1, 0 }, 5));
        Assert.Empty(await store.SearchTextAsync("nothing", "alpha", 5));
        Assert.Empty(await store.ListHashesAsync("nothing"));
        Assert.Equal(0, await store.DeleteAsync("nothing", ["a"]));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SearchAsync("Bad-Name;", new float[] { 1 }, 1));
    }

    [Fact]
    public async Task Upsert_ConcurrentlyIntoNewCollection_KeepsEveryRecord()
    {
        RequireServer();
        var store = await Fixture.CreateVectorStoreAsync();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => store.UpsertAsync(C, [Record($"r{i}", [1, i])]))));

        Assert.Equal(20, (await store.ListHashesAsync(C)).Count);
        Assert.Equal(5, (await store.SearchAsync(C, new float[] { 1, 0 }, 5)).Count);
        Assert.Empty(await store.SearchAsync(C, new float[] { 1, 0 }, 0));
        Assert.Empty(await store.SearchTextAsync(C, "text", 0));
    }

    [Fact]
    public async Task Reopen_KeepsVectorsTextAndHashes()
    {
        RequireServer();
        var store = await Fixture.CreateVectorStoreAsync();
        await store.UpsertAsync(C, [Record("a", [1, 0], "alpha", hash: "h-a"), Record("b", [0, 1], "beta"), Record("c", [1, 1], "gamma")]);
        await store.DeleteAsync(C, ["c"]);

        store = await Fixture.ReopenAsync(store);

        Assert.Equal(["b", "a"], (await store.SearchAsync(C, new float[] { 0, 1 }, 5)).Select(h => h.Id));
        Assert.Equal("a", Assert.Single(await store.SearchTextAsync(C, "alpha", 5)).Id);
        Assert.Contains(new StoredChunk("a", "h-a", "m"), await store.ListHashesAsync(C));
        await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync(C, [Record("d", [1, 0, 0])]));
    }

    internal static VectorRecord Record(string id, float[] vector, string? text = null, string source = "s", string run = "r",
        string language = "python", string path = "src/a.py", string kind = "function", string hash = "h", string model = "m",
        string tenant = Tenants.Local, string scope = "", string? symbol = null) =>
        new(id, vector, text ?? $"text of {id}", new ChunkMetadata
        {
            Source = source, Run = run, Language = language, Path = path, Kind = kind, Symbol = symbol ?? id, StartLine = 1, EndLine = 2,
            ContentHash = hash, Model = model, Tenant = tenant, Scope = scope,
        });

    private static VectorFilter Parse(string filter)
    {
        var f = new VectorFilter();
        foreach (var part in filter.Split(','))
        {
            var (key, value) = (part[..part.IndexOf(':')], part[(part.IndexOf(':') + 1)..]);
            f = key switch
            {
                "source" => f with { Source = value },
                "run" => f with { Run = value },
                "language" => f with { Language = value },
                "prefix" => f with { PathPrefix = value },
                "kind" => f with { Kind = value },
                "tenant" => f with { Tenant = value },
                "scope" => f with { Scope = value },
                _ => throw new ArgumentException(key),
            };
        }
        return f;
    }
}
