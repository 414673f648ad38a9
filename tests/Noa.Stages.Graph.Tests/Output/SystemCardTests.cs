using Noa.Stages.Graph.Model;
using Noa.Stages.Graph.Output;
using Noa.Stages.Graph.Output.Card;

namespace Noa.Stages.Graph.Tests.Output;

public sealed class SystemCardTests
{
    public static readonly string[] Sections =
    [
        "# System card", "## What it is", "## Languages and build", "## Entry points", "## Modules and dependencies", "## API surface",
        "## Config surface", "## Data stores and external services", "## How to build, run and test", "## What the graph could not answer",
    ];

    private static readonly CardReadme Readme = new("README.md", "# Sample\n\n[![ci](https://x/badge.svg)](https://x)\n\nSample serves users\nover HTTP.\n\nMore text.\n");

    [Fact]
    public void Render_SampleGraph_HasEverySectionInOrder()
    {
        var card = SystemCard.Render(SampleGraph.Profile(), SampleGraph.Create(), Readme);
        AssertSections(card);
    }

    [Fact]
    public void Render_SampleGraph_StatesWhatTheInputsHold()
    {
        var card = SystemCard.Render(SampleGraph.Profile(), SampleGraph.Create(), Readme);
        Assert.Contains("From `README.md`:\n\n> Sample serves users over HTTP.\n", card, StringComparison.Ordinal);
        Assert.Contains("- Service type (profile): `http-api`\n- Frameworks (profile): Flask (http)\n- Licence (profile): `MIT`\n", card, StringComparison.Ordinal);
        Assert.Contains("| Python | programming | 5 | 75.0% | 5 |", card, StringComparison.Ordinal);
        Assert.Contains("| pip | requirements.txt | `pip install -r requirements.txt` | — |", card, StringComparison.Ordinal);
        Assert.Contains("| Shell | programming | 2 | 16.7% | not parsed |", card, StringComparison.Ordinal);
        Assert.Contains("- entry `main` in cli/main.go:5", card, StringComparison.Ordinal);
        Assert.Contains("- command `serve` defined in cli/main.go:8", card, StringComparison.Ordinal);
        Assert.Contains("- script `test`: `pytest -q`", card, StringComparison.Ordinal);
        Assert.Contains("| GET | `/users` | `list_users` | api/routes.py:9 | `env:DATABASE_URL`, `store:postgres`, `service:api.example.com` |", card, StringComparison.Ordinal);
        Assert.Contains("| POST | `/import` | (unresolved) | api/routes.py:20 | — |", card, StringComparison.Ordinal);
        Assert.DoesNotContain("/health", card, StringComparison.Ordinal);
        Assert.Contains("1 endpoints registered in test files are not listed.", card, StringComparison.Ordinal);
        Assert.Contains("| environment variable | `DATABASE_URL` | api/routes.py:12 |", card, StringComparison.Ordinal);
        Assert.Contains("| command-line flag | `--port` | cli/main.go:7 |", card, StringComparison.Ordinal);
        Assert.Contains("| data store | `postgres` | PostgreSQL | imported by 1 files; 1 reads, 1 writes (heuristic) |", card, StringComparison.Ordinal);
        Assert.Contains("| Gradle | gradlew | `./gradlew build` | `./gradlew test` |", card, StringComparison.Ordinal);
        Assert.Contains("| Go modules | cli/go.mod | `go build ./...` | `go test ./...` |", card, StringComparison.Ordinal);
        Assert.Contains("- entry point `main` (go) in cli/main.go:5", card, StringComparison.Ordinal);
        Assert.Contains("1 hosts named only in test files are not listed.", card, StringComparison.Ordinal);
        Assert.DoesNotContain("fixture.test", card, StringComparison.Ordinal);
        Assert.Contains("test definitions in the graph per language: python 1;", card, StringComparison.Ordinal);
        Assert.Contains("- 3 calls and type references resolved to nothing in the source (library calls, dynamic dispatch), against 2 CALLS and REFERENCES edges that did: 60.0% unresolved.", card, StringComparison.Ordinal);
        Assert.Contains("Shell (2 files, 16.7%)", card, StringComparison.Ordinal);
        Assert.Contains("1 files parsed with syntax errors (their facts are partial): `api/server.py`.", card, StringComparison.Ordinal);
        Assert.Contains("- 1 of 3 endpoints name a handler that did not resolve", card, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SampleGraph_DrawsModulesAndTheirImports()
    {
        var (nodes, edges) = Mermaid.AssertWellFormed(SystemCard.Render(SampleGraph.Profile(), SampleGraph.Create(), Readme));
        Assert.Equal(["m_api", "m_cli", "m_db", "m_tests", "m_util"], nodes);
        Assert.Equal([("m_api", "m_db"), ("m_api", "m_util")], edges);
    }

    [Fact]
    public void Render_SameInputs_SameBytes()
    {
        var a = SystemCard.Render(SampleGraph.Profile(), SampleGraph.Create(150), Readme);
        var b = SystemCard.Render(SampleGraph.Profile(), SampleGraph.Create(150), Readme);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Render_ManyEndpoints_ListsHundredAndCountsTheRest()
    {
        var card = SystemCard.Render(SampleGraph.Profile(), SampleGraph.Create(150), Readme);
        var section = card[card.IndexOf("## API surface", StringComparison.Ordinal)..card.IndexOf("## Config surface", StringComparison.Ordinal)];
        Assert.Equal(100, section.Split('\n').Count(l => l.StartsWith("| GET", StringComparison.Ordinal) || l.StartsWith("| POST", StringComparison.Ordinal)));
        Assert.Contains("… and 52 more endpoints (in kg.json).", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoProfileNoReadmeEmptyGraph_SaysWhatIsMissing()
    {
        var card = SystemCard.Render(null, new KnowledgeGraph(), null);
        AssertSections(card);
        Assert.Contains("No README at the source root (looked for README.md, README.rst, README).", card, StringComparison.Ordinal);
        Assert.Contains("There is no profile.json", card, StringComparison.Ordinal);
        Assert.Contains("The graph has no source files, so there are no modules to draw.", card, StringComparison.Ordinal);
        Assert.Contains("The graph has no HTTP endpoints outside test files.", card, StringComparison.Ordinal);
        Assert.Contains("No profile.json: the build systems are not known.", card, StringComparison.Ordinal);
        Assert.DoesNotContain("```mermaid", card, StringComparison.Ordinal);
    }

    internal static void AssertSections(string card)
    {
        var at = -1;
        foreach (var section in Sections)
        {
            var next = card.IndexOf(section + "\n", StringComparison.Ordinal);
            Assert.True(next > at, $"section '{section}' missing or out of order");
            at = next;
        }
        Assert.EndsWith("\n", card, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", card, StringComparison.Ordinal);
    }
}
