using Noa.Embeddings.Search;

namespace Noa.Embeddings.Tests.Search;

public sealed class SearchScopesTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("all", null)]
    [InlineData("ALL", null)]
    [InlineData("product", "product")]
    [InlineData("test", "test")]
    [InlineData("docs", "documentation")]
    [InlineData("documentation", "documentation")]
    [InlineData("Example", "example")]
    [InlineData("fixture", "fixture")]
    public void TryParse_KnownNames_GiveTheFilesJsonScope(string? name, string? expected)
    {
        Assert.True(SearchScopes.TryParse(name, out var scope));
        Assert.Equal(expected, scope);
    }

    [Theory]
    [InlineData("tests")]
    [InlineData("")]
    [InlineData("src")]
    public void TryParse_UnknownName_IsRefusedAndTheErrorListsTheScopes(string name)
    {
        Assert.False(SearchScopes.TryParse(name, out _));
        Assert.Contains("product, test, docs, example", SearchScopes.Error(name), StringComparison.Ordinal);
    }
}
