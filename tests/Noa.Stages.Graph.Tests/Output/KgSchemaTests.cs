using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Output;

namespace Noa.Stages.Graph.Tests.Output;

public sealed class KgSchemaTests
{
    [Fact]
    public void Write_GraphWithEveryKind_MatchesSchema()
    {
        var graph = SampleGraph.Create();
        Assert.Equal(13, graph.Edges.Select(e => e.Kind).Distinct().Count());
        KgSchema.AssertValid(Write(graph));
    }

    [Fact]
    public void Write_EmptyGraph_MatchesSchema() => KgSchema.AssertValid(Write(new KnowledgeGraph()));

    [Fact]
    public void Write_SameGraph_SameBytesAndReadsBack()
    {
        var bytes = Write(SampleGraph.Create());
        Assert.Equal(bytes, Write(SampleGraph.Create()));
        var read = GraphJson.Read(new MemoryStream(bytes));
        Assert.Equal(bytes, Write(read));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{ "version": 2 }""")]
    [InlineData("WRONG_KIND")]
    [InlineData("provenance")]
    [InlineData("confidence")]
    [InlineData("range")]
    public void Evaluate_Broken_IsInvalid(string what)
    {
        var json = System.Text.Encoding.UTF8.GetString(Write(SampleGraph.Create()));
        json = what switch
        {
            "WRONG_KIND" => json.Replace("\"kind\":\"CALLS\"", "\"kind\":\"CALLED\"", StringComparison.Ordinal),
            "provenance" => json.Replace("\"provenance\":\"heuristic\"", "\"provenance\":\"guess\"", StringComparison.Ordinal),
            "confidence" => json.Replace("\"confidence\":0.9", "\"confidence\":1.9", StringComparison.Ordinal),
            "range" => json.Replace("\"range\":[10,1,14,20]", "\"range\":[10,1,14]", StringComparison.Ordinal),
            _ => what,
        };
        Assert.NotEqual(System.Text.Encoding.UTF8.GetString(Write(SampleGraph.Create())), json);
        Assert.False(KgSchema.IsValid(json));
    }

    internal static byte[] Write(KnowledgeGraph graph)
    {
        using var stream = new MemoryStream();
        GraphJson.Write(graph, stream);
        return stream.ToArray();
    }
}
