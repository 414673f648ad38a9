using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>The ranking rule every store's search goes through, on crafted rankings.</summary>
public sealed class SearchRankingTests
{
    [Fact]
    public void Rank_Unweighted_IsPlainReciprocalRankFusion()
    {
        IReadOnlyList<VectorHit>[] rankings = [Hits(("a", "function"), ("b", "function"), ("c", "function")), Hits(("c", "function"), ("b", "function"))];

        var ranked = SearchRanking.Rank(rankings, "anything", 10, RankingWeights.Unweighted);

        Assert.Equal(ReciprocalRankFusion.Fuse(rankings, 10).Select(h => (h.Id, h.Score)), ranked.Select(h => (h.Id, h.Score)));
    }

    [Fact]
    public void Rank_WithSymbolMatch_SymbolWhollyNamedByTheQueryComesBeforeOnesItOnlyTouches()
    {
        // The vector and keyword rankings disagree (a tie by fusion); the query names all of Hash's words, half of set_password's.
        IReadOnlyList<VectorHit>[] rankings =
        [
            Hits(("UserModel.set_password", "method"), ("PasswordHasher.Hash", "method")),
            Hits(("PasswordHasher.Hash", "method"), ("UserModel.set_password", "method")),
        ];

        var ranked = SearchRanking.Rank(rankings, "hash a password", 10, RankingWeights.Default with { SymbolMatch = 1 });

        Assert.Equal(["PasswordHasher.Hash", "UserModel.set_password"], ranked.Select(h => h.Id));
        // Off by default (measured on the search bench): the tie stays in first-seen order.
        Assert.Equal(["UserModel.set_password", "PasswordHasher.Hash"], SearchRanking.Rank(rankings, "hash a password", 10).Select(h => h.Id));
    }

    [Theory]
    [InlineData("product", "python", "function", 1.0)]
    [InlineData("", "python", "function", 1.0)]
    [InlineData("test", "python", "function", 0.5)]
    [InlineData("fixture", "json", "key", 0.5 * 0.75)]
    [InlineData("documentation", "markdown", "section", 0.5 * 0.75)]
    [InlineData("product", "markdown", "section", 0.5 * 0.75)]
    [InlineData("example", "javascript", "function", 0.75)]
    [InlineData("product", "python", "file", 0.75)]
    [InlineData("vendored", "go", "function", 0.5)]
    public void Prior_ByScopeAndKind(string scope, string language, string kind, double expected) =>
        Assert.Equal(expected, SearchRanking.Prior(new ChunkMetadata { Scope = scope, Language = language, Kind = kind }, RankingWeights.Default), 12);

    private static List<VectorHit> Hits(params (string Symbol, string Kind)[] hits) =>
        [.. hits.Select(h => new VectorHit(h.Symbol, 1, "", new ChunkMetadata { Symbol = h.Symbol, Kind = h.Kind, Scope = "product", Language = "python" }))];
}
