using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Output;

namespace Noa.Stages.Graph.Tests;

/// <summary>Facts anyone can check by reading the real code in .cache/corpora: definitions, calls, inheritance,
/// endpoints and environment reads the graph must contain.</summary>
public sealed class KnownFactsTests
{
    private static async Task<KnowledgeGraph?> Digest(string folder)
    {
        var root = Corpora.Root();
        if (root is null)
        {
            return null;
        }
        var artifacts = await StageHarness.DigestAsync(new DirectorySourceTree(Path.Combine(root, folder)));
        return GraphJson.Read(new MemoryStream(artifacts.Files[KnowledgeGraph.BundlePath]));
    }

    private static void AssertEdge(KnowledgeGraph graph, string kind, string src, string dst, double minConfidence = 0.8) =>
        Assert.True(graph.Edges.Any(e => e.Kind == kind && e.Src.EndsWith(src, StringComparison.Ordinal) && e.Dst.EndsWith(dst, StringComparison.Ordinal) && e.Confidence >= minConfidence),
            $"no {kind} {src} -> {dst} (confidence >= {minConfidence}); have: " + string.Join("; ", graph.Edges.Where(e => e.Kind == kind && e.Src.EndsWith(src, StringComparison.Ordinal)).Take(8).Select(e => $"{e.Dst} {e.Confidence}")));

    private static KgNode Node(KnowledgeGraph graph, string idEnd) =>
        Assert.Single(graph.Nodes, n => n.Id.EndsWith(idEnd, StringComparison.Ordinal));

    [Fact]
    public async Task Go_NetHttp()
    {
        if (await Digest("go/net/http") is not { } g)
        {
            return;
        }
        var listen = Node(g, "`server.go`/Server#ListenAndServe().");
        Assert.StartsWith("ListenAndServe listens on the TCP network address", listen.Doc);
        AssertEdge(g, "CALLS", "`server.go`/Server#ListenAndServe().", "`server.go`/Server#Serve()."); // srv.Serve(ln): srv is the receiver
        AssertEdge(g, "DEFINES", "`server.go`/Server#", "`server.go`/Server#Shutdown().");
        AssertEdge(g, "CALLS", "`server.go`/ListenAndServe().", "`server.go`/Server#ListenAndServe().", 0.3);
        Assert.Contains(g.Nodes, n => n.Kind == "endpoint" && n.Properties!["route"] == "/" && n.File == "example_test.go");
        Assert.Contains(g.Nodes, n => n.Id == "env:GODEBUG" || n.Id == "env:HOME");
        Assert.Contains(g.Nodes, n => n.Kind == "function" && n.Name == "TestServeMuxHandleFuncWithNilHandler" && n.Flags!.Contains("test"));
    }

    [Fact]
    public async Task Java_Util()
    {
        if (await Digest("java/java.base/java/util") is not { } g)
        {
            return;
        }
        AssertEdge(g, "INHERITS", "`ArrayList.java`/ArrayList#", "`AbstractList.java`/AbstractList#");
        AssertEdge(g, "IMPLEMENTS", "`ArrayList.java`/ArrayList#", "`List.java`/List#");
        AssertEdge(g, "INHERITS", "`HashSet.java`/HashSet#", "`AbstractSet.java`/AbstractSet#");
        Assert.Equal("constructor", Node(g, "`ArrayList.java`/ArrayList#ArrayList(+1).").Kind);
        AssertEdge(g, "CALLS", "`ArrayList.java`/ArrayList#addAll().", "`ArrayList.java`/ArrayList#grow().");
    }

    [Fact]
    public async Task Python_Stdlib()
    {
        if (await Digest("python/python3.11") is not { } g)
        {
            return;
        }
        AssertEdge(g, "INHERITS", "`argparse.py`/ArgumentParser#", "`argparse.py`/_AttributeHolder#");
        AssertEdge(g, "CALLS", "`argparse.py`/ArgumentParser#parse_args().", "`argparse.py`/ArgumentParser#parse_known_args().");
        Assert.Contains(g.Edges, e => e.Kind == "READS_CONFIG" && e.Src.Contains("`webbrowser.py`/", StringComparison.Ordinal) && e.Dst == "env:BROWSER");
        AssertEdge(g, "IMPORTS", " json/`__init__.py`/", " json/`decoder.py`/");
        Assert.StartsWith("Object for parsing command line strings", Node(g, "`argparse.py`/ArgumentParser#").Doc);
    }

    [Fact]
    public async Task CSharp_ThisRepository()
    {
        if (await Digest("csharp/src") is not { } g)
        {
            return;
        }
        var digest = Assert.Single(g.Nodes, n => n.Kind == "endpoint" && n.Name == "POST /digest");
        Assert.EndsWith("RunEndpoints#DigestAsync().", digest.Properties!["handler"]);
        // Full routes: the /runs group in RunEndpoints.Map, the /admin group of Extensions.cs handed to each admin
        // module's Map(RouteGroupBuilder admin), the health checks of Noa.Hosting.
        var endpoints = g.Nodes.Where(n => n.Kind == "endpoint").Select(n => n.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "GET /runs/{id}", "GET /runs/{id}/events", "POST /runs/{id}/cancel", "GET /admin/queues",
            "POST /admin/keys", "DELETE /admin/keys/{keyId}", "GET /admin/policies/{name}", "GET /search", "GET /healthz", "GET /metrics" }, endpoints);
        Assert.DoesNotContain("GET /queues", endpoints);
        var keys = Assert.Single(g.Nodes, n => n.Name == "POST /admin/keys").Endpoint!;
        Assert.Equal(["group", "route"], keys.Composition.Select(c => c.Kind)); // /admin (Extensions.cs), passed to KeyEndpoints.Map; "/keys"
        Assert.Equal("/runs/{id}/artifacts/{path}", Assert.Single(g.Nodes, n => n.Name == "GET /runs/{id}/artifacts/{**path}").Endpoint!.Path);
        // runs.MapGet("", ListAsync): a method group defined in RunEndpoints.cs; its signature's scalars are query parameters.
        var list = Assert.Single(g.Nodes, n => n.Name == "GET /runs").Endpoint!;
        Assert.Contains(list.Parameters!, p => p is { Name: "state", In: "query" });
        Assert.Contains(list.Parameters!, p => p is { Name: "limit", In: "query" });
        Assert.DoesNotContain(list.Parameters!, p => p.Name is "store" or "context" or "cancellationToken");
        AssertEdge(g, "IMPLEMENTS", "`ClassifierStage.cs`/ClassifierStage#", "`IStage.cs`/IStage#");
        Assert.Contains(g.Nodes, n => n.Id == "env:NOA_HOME");
        Assert.Contains(g.Nodes, n => n.Id == "store:redis");
    }

    [Fact]
    public async Task Rust_Clap()
    {
        if (await Digest("rust/clap-4.0.32") is not { } g)
        {
            return;
        }
        Assert.Equal("struct", Node(g, "`command.rs`/Command#").Kind);
        AssertEdge(g, "DEFINES", "`command.rs`/Command#", "`command.rs`/Command#arg().");
        Assert.NotNull(Node(g, "`command.rs`/Command#arg().").Doc);
    }

    [Fact]
    public async Task Endpoints_GinAndExpressExampleApps()
    {
        if (await Digest("endpoints/gin") is not { } gin || await Digest("endpoints/express") is not { } express)
        {
            return;
        }
        Assert.True(gin.Nodes.Count(n => n.Kind == "endpoint") > 100);
        Assert.Contains(gin.Nodes, n => n.Kind == "endpoint" && n.Properties!["method"] == "GET");
        Assert.True(express.Nodes.Count(n => n.Kind == "endpoint") > 40);
        Assert.Contains(express.Nodes, n => n.Kind == "endpoint" && n.Properties!["method"] == "POST");
    }
}

/// <summary>Where scripts/corpora.sh leaves the corpora; null (and a failure under CI=true) when absent.</summary>
internal static class Corpora
{
    public static string? Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Noa.slnx")))
            {
                var corpora = Path.Combine(dir.FullName, ".cache", "corpora");
                if (Directory.Exists(corpora) && Directory.EnumerateDirectories(corpora).Any())
                {
                    return corpora;
                }
                break;
            }
        }
        Requirement.Unmet(".cache/corpora is missing: run scripts/corpora.sh before the tests (CI=true needs the real corpora).");
        return null;
    }
}
