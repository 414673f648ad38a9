using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Noa.Abstractions;
using Noa.Embeddings.Models;
using Noa.Embeddings.Search;

namespace Noa.Stages.Embeddings.Tests;

/// <summary>The Embeddings stage on real Python standard-library modules, with the real model and store.</summary>
public sealed class EmbeddingsStageTests(Pipeline pipeline) : IClassFixture<Pipeline>
{
    private static readonly string Collection = ChunkCollections.For(EmbeddingModels.IdOf(EmbeddingModelSpec.Default));

    [Fact]
    public async Task Digest_RealModules_StoresEveryChunkAndFindsFunctionsByWhatTheyDo()
    {
        if (Copy("shlex.py", "textwrap.py", "heapq.py", "colorsys.py") is not { } folder) return;
        File.WriteAllText(Path.Combine(folder, "README.md"), "# Tools\n\nSmall helpers.\n\n## Colours\n\nConversions between colour systems.\n");

        var (outcome, artifacts, progress) = await pipeline.DigestAsync(folder, "run-a");

        Assert.True(outcome.Status == StageStatus.Succeeded, outcome.Failure?.Message);
        var report = Report(artifacts);
        var total = report.GetProperty("chunks").GetProperty("total").GetInt32();
        Assert.True(total > 40, $"{total} chunks");
        Assert.Equal(total, report.GetProperty("chunks").GetProperty("embedded").GetInt32());
        Assert.True(report.GetProperty("chunks").GetProperty("docs").GetInt32() >= 2);
        var model = report.GetProperty("models")[0];
        Assert.Equal("sentence-transformers/all-MiniLM-L6-v2@int8.v2", model.GetProperty("model").GetString());
        Assert.Equal(Collection, model.GetProperty("collection").GetString());
        Assert.Equal(384, model.GetProperty("dimensions").GetInt32());
        Assert.Equal(total, (await pipeline.Store.ListHashesAsync(Collection, new VectorFilter { Source = folder })).Count);
        Assert.Equal(total, progress[^1].Done);
        Assert.Equal(total, progress[^1].Total);

        // Found by a description, not by name.
        await AssertFound("split a string into tokens using shell-like quoting rules", folder, "shlex.py", "split");
        await AssertFound("escape a string so it is safe to use in a shell command line", folder, "shlex.py", "quote");
        await AssertFound("add an item to the priority queue while keeping the heap ordered", folder, "heapq.py", "heappush");
        await AssertFound("wrap a paragraph so that no line is longer than a given width", folder, "textwrap.py", "wrap");

        var audit = await pipeline.Audit.QueryAsync(new AuditQuery("run-a", "ModelSelected"));
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Contains("all-MiniLM-L6-v2", a.Detail));
    }

    [Fact]
    public async Task Digest_ALargeSource_ReportsChunkingProgressBeforeTheFirstEmbedding()
    {
        // A large source (the JDK: 15k files) spends minutes reading and chunking before the first embedding; the CLI showed
        // "running 0.0s" all that time. 1,001 small files give two reports (every 500 files read).
        var folder = pipeline.NewFolder();
        for (var i = 0; i < 1001; i++)
            File.WriteAllText(Path.Combine(folder, $"m{i:D4}.py"), $"def f{i}(x):\n    return x + {i}\n");

        var (outcome, _, progress) = await pipeline.DigestAsync(folder, "run-progress", new EmbeddingsStageOptions { MaxChunks = 5 });

        Assert.True(outcome.Status == StageStatus.Succeeded, outcome.Failure?.Message);
        // Reading and embedding overlap: while files are still read, progress counts files (with chunks embedded so far).
        var chunking = progress.TakeWhile(p => p.Unit == "files").ToList();
        Assert.Contains(500L, chunking.Select(p => p.Done));
        Assert.Contains(1000L, chunking.Select(p => p.Done));
        Assert.All(chunking, p => Assert.Equal(1001L, p.Total));
        Assert.All(chunking, p => Assert.Contains("chunking", p.Message));
        Assert.Equal("chunks", progress[^1].Unit); // the control: embedding progress still follows
    }

    [Fact]
    public async Task Redigest_EmbedsOnlyWhatChanged_ReusesMovedChunks_RemovesStaleOnes()
    {
        if (Copy("colorsys.py", "heapq.py") is not { } folder) return;
        var first = Report((await pipeline.DigestAsync(folder, "run-1")).Artifacts);
        var total = first.GetProperty("chunks").GetProperty("total").GetInt32();

        var again = Report((await pipeline.DigestAsync(folder, "run-2")).Artifacts).GetProperty("chunks");
        Assert.Equal(0, again.GetProperty("embedded").GetInt32());
        Assert.Equal(total, again.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, again.GetProperty("removed").GetInt32());

        // Lines inserted at the top move every colorsys chunk; one heapq function changes.
        var colorsys = Path.Combine(folder, "colorsys.py");
        File.WriteAllText(colorsys, "# moved\n# down\n# three lines\n" + File.ReadAllText(colorsys));
        var heapq = Path.Combine(folder, "heapq.py");
        var text = File.ReadAllText(heapq);
        Assert.Contains("_siftdown(heap, 0, len(heap)-1)", text);
        File.WriteAllText(heapq, text.Replace("_siftdown(heap, 0, len(heap)-1)", "_siftdown(heap, 0, len(heap) - 1)", StringComparison.Ordinal));
        var changed = Report((await pipeline.DigestAsync(folder, "run-3")).Artifacts).GetProperty("chunks");
        var embedded = changed.GetProperty("embedded").GetInt32();
        var reused = changed.GetProperty("reused").GetInt32();
        Assert.InRange(embedded, 1, 3); // the changed function (and the file chunk holding the new comment lines)
        Assert.True(reused >= 5, $"{reused} reused");
        Assert.Equal(changed.GetProperty("total").GetInt32(), embedded + reused + changed.GetProperty("unchanged").GetInt32());
        Assert.Equal(embedded + reused, changed.GetProperty("removed").GetInt32());
        var stored = await pipeline.Store.ListHashesAsync(Collection, new VectorFilter { Source = folder });
        Assert.Equal(changed.GetProperty("total").GetInt32(), stored.Count);

        // A moved chunk is stored at its new lines.
        var hsv = (await pipeline.Search.SearchAsync(new SearchQuery("rgb_to_hsv", 3, SearchMode.Text, new VectorFilter { Source = folder, Kind = "function" })))[0];
        Assert.Equal("rgb_to_hsv", hsv.Symbol);
        Assert.Equal("def rgb_to_hsv(r, g, b):", File.ReadLines(colorsys).ElementAt(hsv.StartLine - 1));

        File.Delete(heapq);
        var deleted = Report((await pipeline.DigestAsync(folder, "run-4")).Artifacts).GetProperty("chunks");
        Assert.Equal(0, deleted.GetProperty("embedded").GetInt32());
        Assert.True(deleted.GetProperty("removed").GetInt32() > 5);
        Assert.DoesNotContain(await pipeline.Search.SearchAsync(new SearchQuery("heappush", 10, SearchMode.Text, new VectorFilter { Source = folder })),
            r => r.Path == "heapq.py");
    }

    [Fact]
    public async Task Budget_MaxChunks_StoresThatManyWithANote_AndTheNextRunContinues()
    {
        if (Copy("textwrap.py") is not { } folder) return;

        var (outcome, artifacts, _) = await pipeline.DigestAsync(folder, "run-b1", new EmbeddingsStageOptions { MaxChunks = 5, StepSize = 2 });

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        Assert.Contains("MaxChunks", outcome.Summary);
        var report = Report(artifacts);
        var total = report.GetProperty("chunks").GetProperty("total").GetInt32();
        Assert.Equal(5, report.GetProperty("chunks").GetProperty("embedded").GetInt32());
        Assert.Equal(total - 5, report.GetProperty("chunks").GetProperty("pending").GetInt32());
        Assert.True(report.GetProperty("budget").GetProperty("reached").GetBoolean());
        Assert.Contains("not searchable yet", report.GetProperty("budget").GetProperty("note").GetString());

        var next = Report((await pipeline.DigestAsync(folder, "run-b2")).Artifacts).GetProperty("chunks");
        Assert.Equal(5, next.GetProperty("unchanged").GetInt32());
        Assert.Equal(total - 5, next.GetProperty("embedded").GetInt32());
    }

    [Fact]
    public async Task Budget_EmbedsProductCodeBeforeExamplesAndTests_WhatSearchNeedsFirst()
    {
        // Paths sort examples/ and tests/ before the product package: a budget spent in path order would embed none of it.
        var folder = pipeline.NewFolder();
        Directory.CreateDirectory(Path.Combine(folder, "examples"));
        Directory.CreateDirectory(Path.Combine(folder, "tests"));
        Directory.CreateDirectory(Path.Combine(folder, "zest"));
        File.WriteAllText(Path.Combine(folder, "zest", "__init__.py"), "");
        File.WriteAllText(Path.Combine(folder, "zest", "core.py"), string.Concat(Enumerable.Range(0, 6).Select(i => $"def squeeze_{i}(fruit):\n    return fruit * {i}\n\n")));
        File.WriteAllText(Path.Combine(folder, "examples", "demo.py"), string.Concat(Enumerable.Range(0, 6).Select(i => $"def show_{i}():\n    return {i}\n\n")));
        File.WriteAllText(Path.Combine(folder, "tests", "test_core.py"), string.Concat(Enumerable.Range(0, 6).Select(i => $"def test_squeeze_{i}():\n    assert {i} == {i}\n\n")));

        var (outcome, artifacts, _) = await pipeline.DigestAsync(folder, "run-rank", new EmbeddingsStageOptions { MaxChunks = 6, StepSize = 4 });

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        Assert.Equal(6, Report(artifacts).GetProperty("chunks").GetProperty("embedded").GetInt32());
        var stored = await pipeline.Search.SearchAsync(new SearchQuery("squeeze show test fruit return", 50, SearchMode.Text, new VectorFilter { Source = folder }));
        Assert.Equal(6, stored.Count);
        Assert.All(stored, r => Assert.StartsWith("zest/", r.Path, StringComparison.Ordinal));

        // The control: with no budget, examples and tests are embedded too.
        var all = Report((await pipeline.DigestAsync(folder, "run-rank-2")).Artifacts).GetProperty("chunks");
        Assert.Equal(all.GetProperty("total").GetInt32(), all.GetProperty("embedded").GetInt32() + 6);
        var paths = (await pipeline.Search.SearchAsync(new SearchQuery("squeeze show test fruit return", 50, SearchMode.Text, new VectorFilter { Source = folder })))
            .Select(r => r.Path.Split('/')[0]).ToHashSet();
        Assert.Superset(new HashSet<string> { "examples", "tests", "zest" }, paths);
    }

    [Fact]
    public async Task Collect_LeavesOutLockfilesBigConfigAndBinaries_AndSaysWhy()
    {
        var folder = pipeline.NewFolder();
        File.WriteAllText(Path.Combine(folder, "app.py"), "def main():\n    \"\"\"Start the app.\"\"\"\n    return 0\n");
        File.WriteAllText(Path.Combine(folder, "settings.yaml"), "server:\n  port: 8080\nlogging:\n  level: info\n");
        File.WriteAllText(Path.Combine(folder, "package-lock.json"), "{\"lockfileVersion\": 3, \"packages\": {}}");
        File.WriteAllText(Path.Combine(folder, "data.json"), "{\"rows\": [" + string.Join(",", Enumerable.Range(0, 20000).Select(i => i.ToString())) + "]}");

        var (outcome, artifacts, _) = await pipeline.DigestAsync(folder, "run-c");

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        var report = Report(artifacts);
        var skipped = report.GetProperty("files").GetProperty("skipped").EnumerateArray().ToDictionary(s => s.GetProperty("path").GetString()!, s => s.GetProperty("reason").GetString()!);
        Assert.Contains("data, not configuration", skipped["data.json"]);
        var stored = await pipeline.Search.SearchAsync(new SearchQuery("port logging level lockfileVersion main", 20, SearchMode.Text, new VectorFilter { Source = folder }));
        Assert.Equal(["app.py", "settings.yaml"], stored.Select(r => r.Path).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(stored, r => r.Path == "settings.yaml" && r.Language == "yaml");
    }

    [Fact]
    public async Task Redigest_EveryFileGone_RemovesEveryStoredChunk()
    {
        var folder = pipeline.NewFolder();
        File.WriteAllText(Path.Combine(folder, "tool.py"), "def shout(text):\n    return text.upper()\n");
        var first = Report((await pipeline.DigestAsync(folder, "run-g1")).Artifacts).GetProperty("chunks").GetProperty("total").GetInt32();
        Assert.True(first > 0);

        File.Delete(Path.Combine(folder, "tool.py"));
        var (outcome, artifacts, _) = await pipeline.DigestAsync(folder, "run-g2");

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        Assert.Equal(first, Report(artifacts).GetProperty("chunks").GetProperty("removed").GetInt32());
        Assert.Empty(await pipeline.Store.ListHashesAsync(Collection, new VectorFilter { Source = folder }));
    }

    [Fact]
    public async Task Search_InvalidQuery_NamesWhatIsWrong()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => pipeline.Search.SearchAsync(new SearchQuery(" ", 0)));
        Assert.Contains("query text is empty", e.Message);
        Assert.Contains("k must be 1–100 (was 0)", e.Message);
    }

    [Fact]
    public void Collections_AreValidNamesPerModel()
    {
        Assert.Equal("sentence_transformers_all_minilm_l6_v2", ChunkCollections.For("sentence-transformers/all-MiniLM-L6-v2"));
        Assert.Equal("openai_compatible_nomic_embed_text", ChunkCollections.For("openai-compatible:nomic-embed-text"));
        var longName = ChunkCollections.For("openai-compatible:" + new string('x', 80));
        Assert.Equal(40, longName.Length);
        Assert.NotEqual(longName, ChunkCollections.For("openai-compatible:" + new string('x', 81)));
        Assert.StartsWith("m_", ChunkCollections.For("3-small"));
    }

    private async Task AssertFound(string query, string folder, string path, string symbol, int k = 5)
    {
        var results = await pipeline.Search.SearchAsync(new SearchQuery(query, k, Filter: new VectorFilter { Source = folder }));
        Assert.Equal(results.Count, results.DistinctBy(r => (r.Path, r.Symbol, r.Kind)).Count()); // a split definition once
        Assert.True(results.Any(r => r.Path == path && r.Symbol.EndsWith(symbol, StringComparison.Ordinal)),
            $"'{query}': expected {path} {symbol} in the top {k}, got {string.Join(", ", results.Select(r => $"{r.Path} {r.Symbol}"))}");
    }

    private string? Copy(params string[] modules)
    {
        if (Pipeline.Corpus("python/python3.11") is not { } stdlib)
            return null;
        var folder = pipeline.NewFolder();
        foreach (var module in modules)
            File.Copy(Path.Combine(stdlib, module), Path.Combine(folder, module));
        return folder;
    }

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(FindSchema())));

    /// <summary>embeddings.json, checked against schemas/embeddings.schema.json every time it is read.</summary>
    private static JsonElement Report(MemoryArtifacts artifacts)
    {
        var bytes = artifacts.Files["embeddings.json"];
        var result = Schema.Value.Evaluate(JsonNode.Parse(bytes), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}"))));
        return JsonDocument.Parse(bytes).RootElement;
    }

    private static string FindSchema()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "schemas", "embeddings.schema.json")))
                return Path.Combine(folder.FullName, "schemas", "embeddings.schema.json");
        throw new FileNotFoundException("schemas/embeddings.schema.json not found above the test folder");
    }
}
