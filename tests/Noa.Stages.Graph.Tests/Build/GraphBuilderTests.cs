using System.Text;
using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Build;
using Noa.Stages.Graph.Extraction;
using Noa.Stages.Graph.Languages;

namespace Noa.Stages.Graph.Tests.Build;

public sealed class GraphBuilderTests
{
    [Fact]
    public void Build_ReferencesResolvedIntoEdges_OnlyFileLevelCallsKept()
    {
        const string path = "app.py";
        var spec = LanguageSpec.ByExtension(path)!;
        using var extractor = new FileExtractor(TimeSpan.FromSeconds(20));
        var (facts, reason) = extractor.Extract(Encoding.UTF8.GetBytes("def helper():\n    pass\n\ndef main():\n    helper()\n    print(helper)\n\nmain()\n"),
            spec.Grammar(path));
        Assert.True(facts is not null, reason);
        Assert.Contains(facts.References, r => r.Name == "helper" && r.Owner >= 0); // control: extraction saw the inner call

        var graph = new GraphBuilder([new SourceFacts(path, spec, facts)], new KgStats()).Build();

        Assert.Contains(graph.Edges, e => e.Kind == "CALLS" && e.Src.EndsWith("main().", StringComparison.Ordinal) && e.Dst.EndsWith("helper().", StringComparison.Ordinal));
        var kept = Assert.Single(facts.References); // what the entry points read later: the calls made at file level
        Assert.Equal(("main", "call", -1), (kept.Name, kept.Kind, kept.Owner));
    }
}
