using Noa.Abstractions;
using Noa.Embeddings.Search;

namespace Noa.Stages.Embeddings.Tests;

/// <summary>
/// Search ranking on real code digested whole by the real stages: Go's net/url with its tests and examples, and the npm
/// <c>cookie</c> package with its README. A query describing what a function does finds the function first, not the
/// test, example or README section that repeats its words; each case also ranks with <see cref="RankingWeights.Unweighted"/>
/// (the fusion before priors and symbol matching) as the control, which must not find it first.
/// </summary>
public sealed class SearchRankingTests(Pipeline pipeline) : IClassFixture<Pipeline>
{
    // Cases where plain fusion put something else first (the README's section on the function, here); Go's url queries
    // ("escape a string so it can be placed safely inside a URL query" → QueryEscape) were found first either way.
    public static TheoryData<string, string, string> Cases => new()
    {
        { "parse an HTTP Cookie header string into an object of name-value pairs", "cookie/index.js", "parse" },
        { "serialize a cookie name and value into a Set-Cookie header string", "cookie/index.js", "serialize" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Search_QueryNamingWhatAFunctionDoes_FindsTheDefinitionFirst_WhereUnrankedFusionDidNot(string query, string path, string symbol)
    {
        var folder = await DigestAsync();
        var search = new SearchQuery(query, 10, Filter: new VectorFilter { Source = folder });

        var ranked = await pipeline.Search.SearchAsync(search);
        var unranked = await pipeline.Search.SearchAsync(search, RankingWeights.Unweighted);

        Assert.True(Is(ranked[0], path, symbol), $"'{query}': expected {path} {symbol} first, got {Describe(ranked)}");
        Assert.False(Is(unranked[0], path, symbol), $"control: '{query}' found {path} {symbol} first without ranking: {Describe(unranked)}");
        // Tests, examples and docs stay findable: asked for by scope, they answer.
        foreach (var scope in new[] { "test", "documentation" })
            Assert.All(await pipeline.Search.SearchAsync(search with { Filter = search.Filter! with { Scope = scope } }), r => Assert.Equal(scope, r.Scope));
    }

    [Fact]
    public async Task Search_ScopeFilter_FindsTestsAndDocsOnlyWhenAskedFor()
    {
        var folder = await DigestAsync();
        var query = new SearchQuery("escape a URL query string", 10, Filter: new VectorFilter { Source = folder, Scope = "test" });

        var tests = await pipeline.Search.SearchAsync(query);
        var docs = await pipeline.Search.SearchAsync(query with { Filter = query.Filter! with { Scope = "documentation" } });

        Assert.NotEmpty(tests);
        Assert.All(tests, r => Assert.EndsWith("_test.go", r.Path, StringComparison.Ordinal));
        Assert.All(docs, r => Assert.Equal("cookie/README.md", r.Path));
    }

    private static bool Is(SearchResult result, string path, string symbol) =>
        result.Path == path && (result.Symbol == symbol || result.Symbol.EndsWith("." + symbol, StringComparison.Ordinal));

    private static string Describe(IEnumerable<SearchResult> results) =>
        string.Join(", ", results.Take(5).Select(r => $"{r.Path} {r.Symbol} ({r.Scope})"));

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static string? _folder;

    // One digest for the class: the real stages over real files, as `noa digest` reads them.
    private async Task<string> DigestAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_folder is not null)
                return _folder;
            if (Pipeline.Corpus("go/net/url") is not { } url || Pipeline.Corpus("npm/node_modules/cookie") is not { } cookie)
                throw new InvalidOperationException("unreachable: Corpus reports what is missing");
            var folder = pipeline.NewFolder();
            foreach (var (from, to) in new[] { (url, "url"), (cookie, "cookie") })
            {
                Directory.CreateDirectory(Path.Combine(folder, to));
                foreach (var file in Directory.GetFiles(from).Where(f => Path.GetExtension(f) is ".go" or ".js" or ".md"))
                    File.Copy(file, Path.Combine(folder, to, Path.GetFileName(file)));
            }
            var (outcome, _, _) = await pipeline.DigestAsync(folder, "run-rank");
            Assert.True(outcome.Status == StageStatus.Succeeded, outcome.Failure?.Message);
            return _folder = folder;
        }
        finally
        {
            Once.Release();
        }
    }
}
