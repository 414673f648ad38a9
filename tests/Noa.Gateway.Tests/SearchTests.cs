using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Noa.Abstractions;
using Noa.Embeddings.Models;
using Noa.Embeddings.Search;
using Noa.Vectors.Embedded;

namespace Noa.Gateway.Tests;

/// <summary>GET /search over a real embedded store filled with chunks embedded by the real MiniLM model.</summary>
public sealed class SearchTests
{
    private static readonly string Collection = ChunkCollections.For(EmbeddingModels.IdOf(EmbeddingModelSpec.Default));

    [Fact]
    public async Task Search_ByWordsAndByMeaning_ReturnsRankedChunksAsJson()
    {
        await using var host = await StartAsync();
        await FillAsync(host,
            ("a", "src/config.py", "load_settings", "def load_settings(path):\n    \"\"\"Read the YAML settings file and fill in defaults.\"\"\""),
            ("b", "src/http.py", "fetch_page", "def fetch_page(url):\n    \"\"\"Download a web page over HTTP and return its body.\"\"\""));

        var words = await host.Admin.GetFromJsonAsync<JsonElement>("/search?q=load_settings&mode=text&k=5");
        Assert.Equal("text", words.GetProperty("mode").GetString());
        var first = words.GetProperty("results")[0];
        Assert.Equal(("src/config.py", "load_settings", 1), (first.GetProperty("path").GetString(), first.GetProperty("symbol").GetString(), first.GetProperty("rank").GetInt32()));

        var meaning = await host.Admin.GetFromJsonAsync<JsonElement>("/search?q=" + Uri.EscapeDataString("retrieve a document from a URL") + "&path=src/");
        Assert.Equal("fetch_page", meaning.GetProperty("results")[0].GetProperty("symbol").GetString());
        Assert.Equal("hybrid", meaning.GetProperty("mode").GetString());

        var filtered = await host.Admin.GetFromJsonAsync<JsonElement>("/search?q=settings&language=go");
        Assert.Equal(0, filtered.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Search_Scope_FiltersByTheFilesScope_AndAllMeansEvery()
    {
        await using var host = await StartAsync();
        await FillAsync(host,
            ("a", "src/config.py", "load_settings", "def load_settings(path):\n    \"\"\"Read the YAML settings file and fill in defaults.\"\"\""),
            ("t", "tests/test_config.py", "test_load_settings", "def test_load_settings():\n    assert load_settings('settings.yaml')"));

        async Task<string[]> Paths(string scope) =>
            [.. (await host.Admin.GetFromJsonAsync<JsonElement>("/search?q=load_settings" + scope)).GetProperty("results").EnumerateArray()
                .Select(r => r.GetProperty("path").GetString()!)];

        Assert.Equal(["tests/test_config.py"], await Paths("&scope=test"));
        Assert.Equal(["src/config.py"], await Paths("&scope=product"));
        Assert.Equal(["src/config.py", "tests/test_config.py"], await Paths("&scope=all"));
        Assert.Equal(["src/config.py", "tests/test_config.py"], await Paths(""));
        Assert.Empty(await Paths("&scope=docs"));
    }

    [Theory]
    [InlineData("/search", "q")]
    [InlineData("/search?q=x&k=0", "k")]
    [InlineData("/search?q=x&k=101", "k")]
    [InlineData("/search?q=x&mode=fuzzy", "mode")]
    [InlineData("/search?q=x&scope=tests", "scope")]
    public async Task Search_BadQuery_Answers400NamingTheField(string url, string field)
    {
        await using var host = await StartAsync();
        using var response = await host.Admin.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Search_ResultOfAPublishedRun_CarriesItsBundle_FromTheCatalogue()
    {
        await using var host = await StartAsync();
        await FillAsync(host, ("a", "src/config.py", "load_settings", "def load_settings(path):\n    \"\"\"Read the YAML settings file.\"\"\""));

        var before = (await host.Admin.GetFromJsonAsync<JsonElement>("/search?q=load_settings&mode=text")).GetProperty("results")[0];
        Assert.True(!before.TryGetProperty("bundle", out var none) || none.ValueKind == JsonValueKind.Null);

        // Published after it was embedded: the catalogue row is what the result points through.
        await host.Services.GetRequiredService<ICatalog>().RecordAsync(new CatalogEntry
        {
            RunId = "r", Tenant = Tenants.Local, Source = "test", SourceName = "test", TreeHash = "sha256:" + new string('a', 64),
            Reference = "noa/test:tree-aaaa", Digest = "sha256:" + new string('d', 64), Store = "oci-layout:/x", CreatedAt = DateTimeOffset.UnixEpoch,
        });
        var after = (await host.Admin.GetFromJsonAsync<JsonElement>("/search?q=load_settings&mode=text")).GetProperty("results")[0];

        Assert.Equal("noa/test:tree-aaaa", after.GetProperty("bundle").GetString());
        Assert.Equal("sha256:" + new string('d', 64), after.GetProperty("bundleDigest").GetString());
    }

    [Fact]
    public async Task Search_WithoutTheVectorsModule_Answers503()
    {
        await using var host = await GatewayHost.StartAsync(workers: false);
        using var response = await host.Admin.GetAsync("/search?q=x");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Search_KeyWithoutRunsRead_IsForbidden()
    {
        await using var host = await StartAsync();
        var (_, key) = await host.CreateKeyAsync("digest:write");
        using var response = await host.Client(key).GetAsync("/search?q=x");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static Task<GatewayHost> StartAsync()
    {
        string? folder = null;
        return GatewayHost.StartAsync(workers: false, services: s =>
        {
            folder = Path.Combine(Path.GetTempPath(), "noa-search-" + Guid.NewGuid().ToString("N"));
            s.AddEmbeddedVectors(o => o.Folder = folder);
            s.AddSingleton(new EmbeddingOptions());
            s.AddSingleton(new EmbeddingModelCache());
            s.AddSingleton<ChunkSearch>();
        });
    }

    private static async Task FillAsync(GatewayHost host, params (string Id, string Path, string Symbol, string Text)[] chunks)
    {
        var model = host.Services.GetRequiredService<EmbeddingModelCache>().Get(EmbeddingModelSpec.Default);
        var vectors = await model.Generator.GenerateAsync(chunks.Select(c => c.Text));
        await host.Services.GetRequiredService<IVectorStore>().UpsertAsync(Collection, [.. chunks.Select((c, i) => new VectorRecord(c.Id, vectors[i].Vector, c.Text,
            new ChunkMetadata
            {
                Source = "test", Run = "r", Language = "python", Path = c.Path, Kind = "function", Symbol = c.Symbol, StartLine = 1, EndLine = 2,
                ContentHash = c.Id, Model = model.ModelId, Scope = c.Path.StartsWith("tests/", StringComparison.Ordinal) ? "test" : "product",
            }))]);
    }
}
