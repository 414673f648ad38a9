using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Output;
using Noa.Stages.Graph.Output.Card;

namespace Noa.Stages.Graph.Tests.Output;

/// <summary>Properties of the rendered card on a hand-built graph (SampleGraph): what each section must show when the
/// graph holds its facts, checked against the graph, never against an earlier rendering.</summary>
public sealed class SystemCardTests
{
    private static readonly CardReadme Readme = new("README.md", "# Sample\n\n[![ci](https://x/badge.svg)](https://x)\n\nSample serves users over HTTP\nfrom a small Python application.\n\nMore text.\n");

    private static string Card(int extraEndpoints = 0) => SystemCard.Render(SampleGraph.Profile(), SampleGraph.Create(extraEndpoints), Readme);

    [Fact]
    public void Render_SampleGraph_HasEverySectionInOrder() => AssertSections(Card());

    [Fact]
    public void Render_SampleGraph_CountsInCorrectEnglishThatAgreeWithTheGraph()
    {
        var card = Card();
        Assert.Empty(CardProperties.BadCounts(card));
        CardProperties.AssertCountsAgree(card, SampleGraph.Create());
    }

    [Fact]
    public void BadCounts_WrongNumberAgreement_IsFound() // the control: the checker above can fail
    {
        Assert.Equal(["1 files", "2 endpoint", "1 entry points"], CardProperties.BadCounts("1 files, 2 endpoint and 1 entry points; 3 files, 1 endpoint"));
    }

    [Fact]
    public void Render_SampleGraph_EachSectionShowsItsFacts()
    {
        var graph = SampleGraph.Create();
        var card = Card();
        var api = CardProperties.Section(card, "API");
        foreach (var e in graph.Nodes.Where(n => n.Kind == "endpoint" && !n.File!.StartsWith("tests/", StringComparison.Ordinal)))
        {
            Assert.Contains($"`{e.Properties!["route"]}`", api, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("/health", api, StringComparison.Ordinal); // registered in a test file
        Assert.Contains("`list_users`", api, StringComparison.Ordinal); // the resolved handler of GET /users
        var apps = CardProperties.Section(card, "Apps and entry points");
        foreach (var e in graph.Nodes.Where(n => n.Kind == "entrypoint" && n.Properties!["scope"] == "product"))
        {
            Assert.Contains($"{e.File}:{e.Range!.Value.StartLine}", apps, StringComparison.Ordinal);
            Assert.Contains($"`{e.Properties!["command"]}`", apps, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("tests/test_api.py:30 |", apps, StringComparison.Ordinal);
        Assert.Contains("1 test program", apps, StringComparison.Ordinal);
        var config = CardProperties.Section(card, "Configuration");
        Assert.Contains("`DATABASE_URL`", config, StringComparison.Ordinal);
        Assert.Contains("`--port`", config, StringComparison.Ordinal);
        var stores = CardProperties.Section(card, "Data stores and external services");
        Assert.Contains("`postgres`", stores, StringComparison.Ordinal);
        Assert.Contains("`api.example.com`", stores, StringComparison.Ordinal);
        Assert.DoesNotContain("fixture.test", stores, StringComparison.Ordinal); // a host named only in a test
        var build = CardProperties.Section(card, "Build, run and test");
        foreach (var t in graph.Nodes.Where(n => n.Kind == "task" && !n.Properties!.ContainsKey("missing")))
        {
            Assert.Contains($"`{t.Name}`", build, StringComparison.Ordinal);
        }
        Assert.Contains("convention", build, StringComparison.Ordinal); // the go build convention is marked as one
        Assert.Contains("> Sample serves users over HTTP from a small Python application.", CardProperties.Section(card, "What it is"), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TaskNamingAMissingFile_NeverOfferedAndListedAsAGap()
    {
        var card = Card();
        Assert.DoesNotContain(CardProperties.OfferedCommands(card), c => c.Command.Contains("scripts/start.py", StringComparison.Ordinal));
        Assert.Contains("`scripts/start.py`", CardProperties.Section(card, "What the graph could not answer"), StringComparison.Ordinal);
        var offered = CardProperties.OfferedCommands(card);
        Assert.Contains(offered, c => c.Command == "go run ." && c.Cwd == "cli");
    }

    [Fact]
    public void MissingFiles_CommandNamingAnAbsentFile_IsFound() // the control of the command check the stage tests use
    {
        var paths = new HashSet<string>(["app/main.py", "cmd/tool/main.go"]);
        Assert.Empty(CardProperties.MissingFiles("python app/main.py --port 80", ".", paths));
        Assert.Empty(CardProperties.MissingFiles("go run ./cmd/tool", ".", paths));
        Assert.Empty(CardProperties.MissingFiles("node dist/server.js", ".", paths));
        Assert.Equal(["scripts/seed.py"], CardProperties.MissingFiles("python scripts/seed.py", ".", paths));
        Assert.Equal(["main.py"], CardProperties.MissingFiles("python main.py", "app2", paths));
    }

    [Fact]
    public void Render_SampleGraph_DrawsPackagesAndTheirImports()
    {
        var (nodes, edges) = Mermaid.AssertWellFormed(Card());
        Assert.Equal(["m_api", "m_cli", "m_db", "m_util"], nodes); // tests/ is not a module of the product
        Assert.Equal([("m_api", "m_db"), ("m_api", "m_util")], edges);
    }

    [Fact]
    public void Render_SameInputs_SameBytes() => Assert.Equal(Card(150), Card(150));

    [Fact]
    public void Render_ManyEndpoints_ListsHundredAndCountsTheRest()
    {
        var api = CardProperties.Section(Card(150), "API");
        Assert.Equal(100, api.Split('\n').Count(l => l.StartsWith("| GET", StringComparison.Ordinal) || l.StartsWith("| POST", StringComparison.Ordinal)));
        Assert.Contains("… and 52 more endpoints (in kg.json).", api, StringComparison.Ordinal);
        Assert.Contains("\n152 endpoints,", api, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoProfileNoReadmeEmptyGraph_SaysWhatIsMissing()
    {
        var card = SystemCard.Render(null, new KnowledgeGraph(), null);
        AssertSections(card);
        Assert.Contains("No README at the source root (looked for README.md, README.rst, README).", card, StringComparison.Ordinal);
        Assert.Contains("There is no profile.json", card, StringComparison.Ordinal);
        Assert.Contains("no entry point of the product", card, StringComparison.Ordinal);
        Assert.Contains("The graph has no product source files", card, StringComparison.Ordinal);
        Assert.Contains("The graph has no HTTP endpoints in the product code.", card, StringComparison.Ordinal);
        Assert.DoesNotContain("```mermaid", card, StringComparison.Ordinal);
    }

    internal static void AssertSections(string card) => CardProperties.AssertSections(card);
}
