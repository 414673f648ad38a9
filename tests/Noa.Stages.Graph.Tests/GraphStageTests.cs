using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Output;
using Noa.Stages.Graph.Tests.Output;

namespace Noa.Stages.Graph.Tests;

// These run the tree-sitter queries (src/Noa.Stages.Graph/Queries/*.scm).
public sealed class GraphStageTests
{
    private static MemorySourceTree Sample() => new(
        ("README.md", "# users\n\nA small service that lists users from Postgres.\n"),
        ("requirements.txt", "flask==3.0\npsycopg2==2.9\n"),
        ("app/server.py", "import os\nfrom flask import Flask\nfrom app.db import load_users\n\napp = Flask(__name__)\n\n\n@app.route(\"/users\")\ndef list_users():\n    return load_users(os.getenv(\"DATABASE_URL\"))\n"),
        ("app/db.py", "import psycopg2\n\n\ndef load_users(url):\n    conn = psycopg2.connect(url)\n    cur = conn.cursor()\n    cur.execute(\"select * from users\")\n    return cur.fetchall()\n"),
        ("app/test_server.py", "from app.server import list_users\n\n\ndef test_list_users():\n    assert list_users() is not None\n"),
        ("go.mod", "module example.com/tool\n\ngo 1.22\n"),
        ("cmd/tool/main.go", "package main\n\nimport (\n\t\"flag\"\n\t\"os\"\n)\n\nfunc main() {\n\tport := flag.String(\"port\", \"8080\", \"port\")\n\tflag.Parse()\n\t_ = os.Getenv(\"TOOL_HOME\")\n\t_ = port\n}\n"));

    [Fact]
    public async Task ExecuteAsync_SmallProject_WritesValidGraphAndCard()
    {
        var tree = Sample();
        var artifacts = await StageHarness.DigestAsync(tree);

        Assert.Equal("application/json", artifacts.MediaTypes[KnowledgeGraph.BundlePath]);
        Assert.Equal("text/markdown", artifacts.MediaTypes[SystemCard.BundlePath]);
        KgSchema.AssertValid(artifacts.Files[KnowledgeGraph.BundlePath]);
        var graph = GraphJson.Read(new MemoryStream(artifacts.Files[KnowledgeGraph.BundlePath]));
        Assert.Contains(graph.Nodes, n => n.Kind == "endpoint" && n.Properties?["route"] == "/users");
        Assert.Contains(graph.Nodes, n => n.Id == "env:DATABASE_URL");
        Assert.Contains(graph.Nodes, n => n.Name == "main" && n.Flags?.Contains("entry") == true);
        var entries = graph.Nodes.Where(n => n.Kind == "entrypoint").ToDictionary(n => n.File!, n => n.Properties!["kind"]);
        Assert.Equal("go-main", entries["cmd/tool/main.go"]);
        Assert.Equal("wsgi", entries["app/server.py"]);
        Assert.Contains(graph.Nodes, n => n.Name == "test_list_users" && n.Flags?.Contains("test") == true);

        var card = artifacts.Text(SystemCard.BundlePath);
        CardProperties.AssertSections(card);
        Mermaid.AssertWellFormed(card);
        Assert.Empty(CardProperties.BadCounts(card));
        CardProperties.AssertCountsAgree(card, graph);
        var paths = tree.Files.Select(f => f.Path).ToHashSet();
        foreach (var (command, cwd) in CardProperties.OfferedCommands(card))
        {
            Assert.Empty(CardProperties.MissingFiles(command, cwd, paths));
        }
        Assert.Contains("> A small service that lists users from Postgres.", card, StringComparison.Ordinal);
        Assert.Contains("`go test ./...`", card, StringComparison.Ordinal); // the Go convention: nothing documents a test command
    }

    [Fact]
    public async Task ExecuteAsync_SameSnapshotTwice_ByteIdenticalOutputs()
    {
        var first = await StageHarness.DigestAsync(Sample());
        var second = await StageHarness.DigestAsync(Sample());
        Assert.Equal(first.Files[KnowledgeGraph.BundlePath], second.Files[KnowledgeGraph.BundlePath]);
        Assert.Equal(first.Files[SystemCard.BundlePath], second.Files[SystemCard.BundlePath]);
    }

    [Fact]
    public async Task ExecuteAsync_NoClassifierArtifacts_CardSaysProfileIsMissing()
    {
        var artifacts = await StageHarness.DigestAsync(new MemorySourceTree(("lib/util.py", "def helper():\n    return 1\n")), classify: false);
        KgSchema.AssertValid(artifacts.Files[KnowledgeGraph.BundlePath]);
        var card = artifacts.Text(SystemCard.BundlePath);
        CardProperties.AssertSections(card);
        Assert.Contains("There is no profile.json", card, StringComparison.Ordinal);
        Assert.Contains("No README at the source root", card, StringComparison.Ordinal);
    }
}
