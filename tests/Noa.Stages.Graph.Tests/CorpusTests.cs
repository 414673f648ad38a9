using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Output;
using Noa.Stages.Graph.Tests.Output;

namespace Noa.Stages.Graph.Tests;

/// <summary>
/// Digests real code that scripts/corpora.sh puts under <c>.cache/corpora/</c> (Classifier, then Graph, as a run
/// does). Returns early when the corpora are absent, except under CI=true where their absence is a failure.
/// </summary>
public sealed class CorpusTests
{
    [Theory]
    [InlineData("go/net/http", "go")]
    [InlineData("csharp/src", "csharp")]
    [InlineData("python/dist-packages/flask", "python")]
    public async Task Digest_CorpusFolder_ValidGraphAndCompleteCardTwiceTheSame(string folder, string language)
    {
        var root = CorporaRoot();
        if (root is null)
        {
            Requirement.Unmet(".cache/corpora is missing: run scripts/corpora.sh before the tests (CI=true needs the real corpora).");
            return;
        }
        var tree = new DirectorySourceTree(Path.Combine(root, folder));
        var first = await StageHarness.DigestAsync(tree);

        var json = first.Files[KnowledgeGraph.BundlePath];
        KgSchema.AssertValid(json);
        var graph = GraphJson.Read(new MemoryStream(json));
        Assert.True(graph.Stats.Languages.GetValueOrDefault(language) > 10, $"{folder}: few {language} files in the graph");
        Assert.Contains(graph.Edges, e => e.Kind == "CALLS");

        var card = first.Text(SystemCard.BundlePath);
        CardProperties.AssertSections(card);
        var (modules, _) = Mermaid.AssertWellFormed(card);
        Assert.InRange(modules.Count, 1, 20);
        Assert.Empty(CardProperties.BadCounts(card));
        CardProperties.AssertCountsAgree(card, graph);
        var paths = tree.Files.Select(f => f.Path).ToHashSet();
        foreach (var (command, cwd) in CardProperties.OfferedCommands(card))
        {
            Assert.Empty(CardProperties.MissingFiles(command, cwd, paths));
        }

        var second = await StageHarness.DigestAsync(tree);
        Assert.Equal(json, second.Files[KnowledgeGraph.BundlePath]);
        Assert.Equal(first.Files[SystemCard.BundlePath], second.Files[SystemCard.BundlePath]);
    }

    internal static string? CorporaRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Noa.slnx")))
            {
                var corpora = Path.Combine(dir.FullName, ".cache", "corpora");
                return Directory.Exists(corpora) && Directory.EnumerateDirectories(corpora).Any() ? corpora : null;
            }
        }
        return null;
    }
}
