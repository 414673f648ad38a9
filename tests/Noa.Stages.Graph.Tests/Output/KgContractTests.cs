using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Noa.Abstractions.Graph;

namespace Noa.Stages.Graph.Tests.Output;

/// <summary>
/// kg.json's one contract (<see cref="KnowledgeGraph"/>), which the Env, Runner and Integrator stages read through: what the real
/// Graph stage writes for Express (npm's express, .cache/corpora/npm) reads back whole and rewrites to the same bytes; a kg.json
/// without its optional parts or with fields a later Graph stage may add still reads; a broken one is an error naming kg.json.
/// The oracle for the read is an independent parse (JsonDocument), not the contract's own writer.
/// </summary>
public sealed class KgContractTests
{
    private static async Task<byte[]> ExpressAsync()
    {
        var root = CorpusTests.CorporaRoot();
        var express = root is null ? null : Path.Combine(root, "npm", "node_modules", "express");
        if (express is null || !Directory.Exists(Path.Combine(express, "lib")))
            Requirement.Unmet(".cache/corpora/npm/node_modules/express is missing: run scripts/corpora.sh npm");
        var artifacts = await StageHarness.DigestAsync(new DirectorySourceTree(express!));
        return artifacts.Files[KnowledgeGraph.BundlePath];
    }

    private static List<string> Ids(JsonNode root, string list, string field) =>
        [.. root[list]!.AsArray().Select(n => n![field]!.GetValue<string>())];

    [Fact]
    public async Task GraphStageOutput_ReadsBackWhole_AndRewritesToTheSameBytes()
    {
        var json = await ExpressAsync();

        var graph = KnowledgeGraph.Read(new MemoryStream(json));

        using var oracle = JsonDocument.Parse(json);
        var nodes = oracle.RootElement.GetProperty("nodes").EnumerateArray().ToList();
        Assert.True(nodes.Count > 100, $"Express's lib/ gives more than 100 nodes; kg.json has {nodes.Count}");
        Assert.Equal(nodes.Select(n => n.GetProperty("id").GetString()), graph.Nodes.Select(n => n.Id));
        Assert.Equal(oracle.RootElement.GetProperty("edges").GetArrayLength(), graph.Edges.Count);
        Assert.Equal(oracle.RootElement.GetProperty("stats").GetProperty("parsed").GetInt32(), graph.Stats.Parsed);
        var ranged = nodes.First(n => n.TryGetProperty("range", out _));
        var range = ranged.GetProperty("range").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var read = graph.Nodes.Single(n => n.Id == ranged.GetProperty("id").GetString()).Range!.Value;
        Assert.Equal(range, new[] { read.StartLine, read.StartColumn, read.EndLine, read.EndColumn });
        // lib/application.js defines app.listen (Express's own source, anyone can look).
        Assert.Contains(graph.Nodes, n => n.File == "lib/application.js" && n.Name == "listen");

        using var again = new MemoryStream();
        graph.WriteTo(again);
        Assert.Equal(json, again.ToArray());
        var streamed = await KnowledgeGraph.ReadAsync(new MemoryStream(json), KgFilter.All);
        using var rewritten = new MemoryStream();
        streamed.WriteTo(rewritten);
        Assert.Equal(json, rewritten.ToArray());
    }

    [Fact]
    public async Task MissingOptionalParts_AndUnknownFields_StillRead()
    {
        var root = JsonNode.Parse(await ExpressAsync())!;
        var ids = Ids(root, "nodes", "id");
        foreach (var optional in new[] { "stats", "edges", "flows", "skipped" })
            root.AsObject().Remove(optional);
        root["addedLater"] = new JsonObject { ["nested"] = new JsonArray(1, "two", null) };
        var first = root["nodes"]![0]!.AsObject();
        foreach (var optional in new[] { "language", "file", "range", "doc", "signature", "flags", "properties" })
            first.Remove(optional);
        first["futureField"] = new JsonObject { ["x"] = 1 };
        var json = Encoding.UTF8.GetBytes(root.ToJsonString());

        var graph = KnowledgeGraph.Read(new MemoryStream(json));

        Assert.Equal(ids, graph.Nodes.Select(n => n.Id));
        Assert.Empty(graph.Edges);
        Assert.Empty(graph.Flows);
        Assert.Equal(0, graph.Stats.Parsed);
        Assert.Null(graph.Nodes[0].Range);
        Assert.Null(graph.Nodes[0].Properties);
        var streamed = await KnowledgeGraph.ReadAsync(new MemoryStream(json), KgFilter.All);
        Assert.Equal(ids, streamed.Nodes.Select(n => n.Id));
        Assert.Empty(streamed.Edges);
        Assert.Null(streamed.Nodes[0].Range);
    }

    [Theory]
    [InlineData("truncated", "")]
    [InlineData("not JSON", "")]
    [InlineData("null", "")]
    [InlineData("a range of three numbers", "range")]
    [InlineData("a node without its kind", "kind")]
    [InlineData("another version", "version 2")]
    public async Task Broken_IsAnErrorNamingKgJson(string what, string named)
    {
        var good = await ExpressAsync();
        var root = JsonNode.Parse(good)!;
        var node = root["nodes"]!.AsArray().First(n => n!["range"] is not null)!.AsObject();
        var kind = node["kind"]!.GetValue<string>();
        var json = what switch
        {
            "truncated" => good[..(good.Length / 2)],
            "not JSON" => "<html>502 Bad Gateway</html>"u8.ToArray(),
            "null" => "null"u8.ToArray(),
            "a range of three numbers" => Edit(() => node["range"] = new JsonArray(1, 2, 3)),
            "a node without its kind" => Edit(() => node.Remove("kind")),
            "another version" => Edit(() => root["version"] = 2),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
        byte[] Edit(Action edit)
        {
            edit();
            return Encoding.UTF8.GetBytes(root.ToJsonString());
        }

        var whole = Assert.Throws<InvalidDataException>(() => KnowledgeGraph.Read(new MemoryStream(json)));
        var streamed = await Assert.ThrowsAsync<InvalidDataException>(() => KnowledgeGraph.ReadAsync(new MemoryStream(json), KgFilter.All));
        // A filtered read that keeps the broken node's kind fails the same way.
        var filtered = await Assert.ThrowsAsync<InvalidDataException>(() => KnowledgeGraph.ReadAsync(new MemoryStream(json), KgFilter.Nodes(kind)));

        foreach (var e in new[] { whole, streamed, filtered })
        {
            Assert.StartsWith("kg.json ", e.Message, StringComparison.Ordinal);
            Assert.Contains(named, e.Message, StringComparison.Ordinal);
        }
        // The control: the same document unbroken reads.
        Assert.NotEmpty(KnowledgeGraph.Read(new MemoryStream(good)).Nodes);
    }
}
