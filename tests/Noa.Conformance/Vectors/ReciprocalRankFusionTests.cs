using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>Reciprocal rank fusion on crafted rankings.</summary>
public sealed class ReciprocalRankFusionTests
{
    [Fact]
    public void Fuse_SumsReciprocalRanks()
    {
        var vectors = Hits("a", "b", "c", "d");
        var words = Hits("c", "e", "b");

        var fused = ReciprocalRankFusion.Fuse([vectors, words], 10);

        // c: 1/63 + 1/61, b: 1/62 + 1/63, a: 1/61, e: 1/62, d: 1/64
        Assert.Equal(["c", "b", "a", "e", "d"], fused.Select(h => h.Id));
        Assert.Equal(1.0 / 63 + 1.0 / 61, fused[0].Score, 12);
    }

    [Fact]
    public void Fuse_BreaksTiesByFirstSeenAndHonoursLimitAndK()
    {
        var fused = ReciprocalRankFusion.Fuse([Hits("x", "y"), Hits("y", "x")], 1, k: 0);

        Assert.Equal("x", Assert.Single(fused).Id);
        Assert.Equal(1.5, fused[0].Score, 12);
        Assert.Empty(ReciprocalRankFusion.Fuse([], 5));
    }

    private static List<VectorHit> Hits(params string[] ids) => ids.Select(id => new VectorHit(id, 0, id, new ChunkMetadata())).ToList();
}
