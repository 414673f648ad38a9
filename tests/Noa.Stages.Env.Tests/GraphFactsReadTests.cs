using Noa.Abstractions;
using Noa.Abstractions.Graph;
using Noa.Abstractions.Profiles;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Tests;

/// <summary>
/// The Env stage reads only the part of kg.json it uses (<see cref="GraphFacts.ReadAsync"/>): on what the real Classifier and Graph
/// stages write, the facts it groups by app are the ones the whole graph gives (the control: <see cref="KnowledgeGraph.Read"/>),
/// while calls, definitions and the nodes no kept edge names are not read.
/// </summary>
public sealed class GraphFactsReadTests
{
    public static TheoryData<string> Sources => ["fastapi with postgres", "npm monorepo", "express package"];

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task FilteredRead_GivesTheWholeGraphsFacts(string source)
    {
        ISourceTree tree = source switch
        {
            "fastapi with postgres" => Repos.FastApiWithPostgres(),
            "npm monorepo" => Repos.NpmMonorepo(),
            _ => new DirectorySourceTree(CorpusTests.Corpus("npm/node_modules/express")),
        };
        var (_, artifacts, _) = await EnvHarness.RunAsync(tree);
        var profile = (await Profile.ReadAsync(artifacts, CancellationToken.None))!;
        var whole = KnowledgeGraph.Read(new MemoryStream(artifacts.Files[KnowledgeGraph.BundlePath]));

        var read = (await GraphFacts.ReadAsync(artifacts, CancellationToken.None))!;

        Assert.Equal(Facts(GraphFacts.ByApp(whole, profile.Apps)), Facts(GraphFacts.ByApp(read, profile.Apps)));
        // The control: the facts are not empty, and the whole graph has what the filtered read leaves out.
        Assert.Contains("env ", Facts(GraphFacts.ByApp(read, profile.Apps)), StringComparison.Ordinal);
        Assert.Contains("package ", Facts(GraphFacts.ByApp(read, profile.Apps)), StringComparison.Ordinal);
        Assert.Contains(whole.Edges, e => e.Kind is "DEFINES" or "CALLS");
        Assert.DoesNotContain(read.Edges, e => e.Kind is "DEFINES" or "CALLS" or "CONTAINS" or "REFERENCES");
        Assert.True(read.Nodes.Count < whole.Nodes.Count, $"the filtered read keeps {read.Nodes.Count} of {whole.Nodes.Count} nodes");
    }

    private static string Facts(IReadOnlyDictionary<string, AppFacts> byApp) => string.Join("\n", byApp.OrderBy(a => a.Key, StringComparer.Ordinal).SelectMany(a =>
        a.Value.Entries.Select(n => $"{a.Key} entry {n.Id}")
            .Concat(a.Value.Tasks.Select(n => $"{a.Key} task {n.Id}"))
            .Concat(a.Value.Endpoints.Select(n => $"{a.Key} endpoint {n.Id}"))
            .Concat(a.Value.Env.Select(e => $"{a.Key} env {e.Key} {e.Value.Node.Id} {string.Join(' ', e.Value.Reads)}"))
            .Concat(a.Value.Stores.Select(s => $"{a.Key} store {s.Key} {string.Join(' ', s.Value)}"))
            .Concat(a.Value.Packages.Select(p => $"{a.Key} package {p}"))));
}
