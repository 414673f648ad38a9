using System.Text.Json;

namespace Noa.Embeddings.Tests.Chunking;

public sealed class CorpusChunkingTests(CorpusDigest corpus) : IClassFixture<CorpusDigest>
{
    private static readonly string[] ChunkKinds = ["function", "method", "constructor", "class", "interface", "struct", "record", "enum", "trait"];

    [Fact]
    public async Task FromGraph_FlaskDigestedByTheGraphStage_EveryDefinitionHasAChunkWithinBudget()
    {
        if (await corpus.GetAsync() is not var (_, kg, result))
            return;

        Assert.Empty(result.Unreadable);
        Assert.True(result.Chunks.Count > 200, $"{result.Chunks.Count} chunks");
        Assert.All(result.Chunks, c => Assert.InRange(c.TokenCount, 1, 256));
        Assert.Equal(result.Chunks.Count, result.Chunks.Select(c => c.Id).Distinct().Count());
        var starts = result.Chunks.Select(c => (c.Path, c.StartLine)).ToHashSet();
        using var graph = JsonDocument.Parse(kg);
        var definitions = graph.RootElement.GetProperty("nodes").EnumerateArray()
            .Where(n => ChunkKinds.Contains(n.GetProperty("kind").GetString()))
            .Select(n => (n.GetProperty("file").GetString()!, n.GetProperty("range")[0].GetInt32()))
            .ToList();
        Assert.True(definitions.Count > 100, $"{definitions.Count} definitions");
        Assert.All(definitions, d => Assert.Contains(d, starts));
    }
}
