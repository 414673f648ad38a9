using System.Text;
using Noa.Abstractions.Graph;

namespace Noa.Stages.Graph.Tests.Output;

/// <summary>
/// The filtered, streaming read of kg.json (<see cref="KnowledgeGraph.ReadAsync(Stream, KgFilter, CancellationToken)"/>) on what
/// the real Graph stage writes for Express: what a filter leaves out is absent, and what it keeps is, node for node and edge for
/// edge, what the whole read (the control, System.Text.Json over the document) gives. The stream hands its bytes over a few at a
/// time, so every node, edge and property is cut across reads somewhere.
/// </summary>
public sealed class KgFilterTests
{
    private static async Task<byte[]> ExpressAsync()
    {
        var root = CorpusTests.CorporaRoot();
        var express = root is null ? null : Path.Combine(root, "npm", "node_modules", "express");
        if (express is null || !Directory.Exists(Path.Combine(express, "lib")))
            Requirement.Unmet(".cache/corpora/npm/node_modules/express is missing: run scripts/corpora.sh npm");
        return (await StageHarness.DigestAsync(new DirectorySourceTree(express!))).Files[KnowledgeGraph.BundlePath];
    }

    private static string Json<T>(IEnumerable<T> items, Action<KnowledgeGraph, List<T>> set)
    {
        var graph = new KnowledgeGraph();
        set(graph, [.. items]);
        using var output = new MemoryStream();
        graph.WriteTo(output);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Theory]
    [InlineData("function,env", "CALLS")]
    [InlineData("entrypoint,file", "")]
    [InlineData("", "IMPORTS,DEFINES")]
    public async Task KeptPartsAreTheWholeReadsOwn_AndLeftOutOnesAbsent(string nodeKinds, string edgeKinds)
    {
        var json = await ExpressAsync();
        var whole = KnowledgeGraph.Read(new MemoryStream(json));
        var nodes = nodeKinds.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var edges = edgeKinds.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        // The control: the whole read has nodes and edges of the kinds kept and of others.
        Assert.All(nodes, k => Assert.Contains(whole.Nodes, n => n.Kind == k));
        Assert.All(edges, k => Assert.Contains(whole.Edges, e => e.Kind == k));
        Assert.Contains(whole.Nodes, n => !nodes.Contains(n.Kind));
        Assert.Contains(whole.Edges, e => !edges.Contains(e.Kind));

        var read = await KnowledgeGraph.ReadAsync(new Trickle(json), new KgFilter { NodeKinds = nodes, EdgeKinds = edges, Flows = false, Skipped = false });

        Assert.Equal(Json(whole.Nodes.Where(n => nodes.Contains(n.Kind)), (g, l) => g.Nodes = l), Json(read.Nodes, (g, l) => g.Nodes = l));
        Assert.Equal(Json(whole.Edges.Where(e => edges.Contains(e.Kind)), (g, l) => g.Edges = l), Json(read.Edges, (g, l) => g.Edges = l));
        Assert.Empty(read.Flows);
        Assert.Equal(whole.Stats.Parsed, read.Stats.Parsed);
        Assert.Equal(whole.Stats.Edges, read.Stats.Edges);
    }

    [Fact]
    public async Task NodeIds_KeepThoseNodes_WhateverTheirKind()
    {
        var json = await ExpressAsync();
        var whole = KnowledgeGraph.Read(new MemoryStream(json));
        var listen = whole.Nodes.Single(n => n.File == "lib/application.js" && n.Name == "listen");
        Assert.NotEqual("env", listen.Kind);

        var read = await KnowledgeGraph.ReadAsync(new Trickle(json),
            new KgFilter { NodeKinds = new HashSet<string> { "env" }, NodeIds = new HashSet<string> { listen.Id }, EdgeKinds = KgFilter.None });

        Assert.Equal(whole.Nodes.Where(n => n.Kind == "env" || n.Id == listen.Id).Select(n => n.Id), read.Nodes.Select(n => n.Id));
        Assert.Contains(read.Nodes, n => n.Id == listen.Id && n.Signature == listen.Signature);
        Assert.Empty(read.Edges);
    }

    [Fact]
    public async Task All_ReadsWhatTheWholeReadDoes_ByteForByte()
    {
        var json = await ExpressAsync();

        var read = await KnowledgeGraph.ReadAsync(new Trickle(json), KgFilter.All);

        using var output = new MemoryStream();
        read.WriteTo(output);
        Assert.Equal(json, output.ToArray());
    }

    /// <summary>A stream that hands over at most 13 bytes per read, as a slow pipe would.</summary>
    private sealed class Trickle(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 13));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 13)], cancellationToken);
    }
}
