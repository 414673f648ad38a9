using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Stages.Graph.Tests;

/// <summary>Cross-file resolution, surface and flows, on small multi-file sources run through the stage.</summary>
public sealed class GraphBuildTests
{
    private static async Task<JsonElement> GraphOf(params (string Path, string Content)[] files)
    {
        var artifacts = await StageHarness.DigestAsync(new MemorySourceTree(files));
        return JsonDocument.Parse(artifacts.Files["kg.json"]).RootElement.Clone();
    }

    private static IEnumerable<(string Src, string Dst, string Kind, string Provenance, double Confidence)> Edges(JsonElement graph) =>
        graph.GetProperty("edges").EnumerateArray().Select(e => (e.GetProperty("src").GetString()!, e.GetProperty("dst").GetString()!,
            e.GetProperty("kind").GetString()!, e.GetProperty("provenance").GetString()!, e.GetProperty("confidence").GetDouble()));

    private static bool Has(JsonElement graph, string kind, string srcEnd, string dstEnd) =>
        Edges(graph).Any(e => e.Kind == kind && e.Src.EndsWith(srcEnd, StringComparison.Ordinal) && e.Dst.EndsWith(dstEnd, StringComparison.Ordinal));

    [Fact]
    public async Task Python_CallsThroughImportsAndSelf_InheritanceAndTests()
    {
        var graph = await GraphOf(
            ("shop/db.py", "import sqlite3\n\ndef connect():\n    return sqlite3.connect('x')\n\ndef save(conn, item):\n    conn.execute('INSERT INTO t VALUES (?)', item)\n"),
            ("shop/service.py", "import os\nfrom shop.db import connect, save\nfrom .base import Base\n\nclass Service(Base):\n    def add(self, item):\n        self.check(item)\n        save(connect(), item)\n    def check(self, item):\n        return os.getenv('SHOP_LIMIT')\n"),
            ("shop/base.py", "class Base:\n    pass\n"),
            ("tests/test_service.py", "from shop.service import Service\n\ndef test_add():\n    Service().add(1)\n"));
        Assert.True(Has(graph, "CALLS", "Service#add().", "`db.py`/save()."));
        Assert.True(Has(graph, "CALLS", "Service#add().", "`db.py`/connect()."));
        Assert.True(Has(graph, "CALLS", "Service#add().", "Service#check()."));
        Assert.True(Has(graph, "INHERITS", "`service.py`/Service#", "`base.py`/Base#"));
        Assert.True(Has(graph, "IMPORTS", "`service.py`/", "`db.py`/"));
        Assert.True(Has(graph, "READS_CONFIG", "Service#check().", "env:SHOP_LIMIT"));
        Assert.True(Has(graph, "WRITES", "`db.py`/save().", "store:sqlite"));
        Assert.True(Has(graph, "DEPENDS_ON", "`db.py`/", "store:sqlite"));
        Assert.True(Has(graph, "TESTS", "test_add().", "Service#add()."));
        Assert.True(Has(graph, "DEPENDS_ON", "noa . . . shop/", "noa . . . tests/") is false);
        Assert.True(Has(graph, "DEPENDS_ON", "noa . . . tests/", "noa . . . shop/"));
        Assert.All(Edges(graph).Where(e => e.Kind == "CALLS"), e => Assert.InRange(e.Confidence, 0.3, 1.0));
    }

    [Fact]
    public async Task Go_PackageScopeMethodsAndEndpointFlowToConfig()
    {
        var graph = await GraphOf(
            ("server/server.go", "package server\n\nimport (\n\t\"net/http\"\n\t\"os\"\n)\n\ntype Server struct{ mux *http.ServeMux }\n\n// Start serves.\nfunc (s *Server) Start() {\n\thttp.HandleFunc(\"/health\", health)\n}\n\nfunc health(w http.ResponseWriter, r *http.Request) {\n\tport()\n}\n"),
            ("server/config.go", "package server\n\nimport \"os\"\n\nfunc port() string {\n\treturn os.Getenv(\"PORT\")\n}\n"));
        Assert.True(Has(graph, "DEFINES", "`server.go`/Server#", "Server#Start()."));
        Assert.True(Has(graph, "CALLS", "`server.go`/health().", "`config.go`/port()."));
        Assert.True(Has(graph, "EXPOSES", "`server.go`/health().", "@server/server.go:12"));
        var flow = graph.GetProperty("flows").EnumerateArray().Single();
        Assert.Equal("env:PORT", flow.GetProperty("config")[0].GetString());
        var node = graph.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString()!.EndsWith("Server#Start().", StringComparison.Ordinal));
        Assert.Equal("Start serves.", node.GetProperty("doc").GetString());
    }

    [Fact]
    public async Task TypeScript_RelativeImportsAndImplements()
    {
        var graph = await GraphOf(
            ("src/shape.ts", "export interface Shape { area(): number }\nexport function unit(): number { return 1; }\n"),
            ("src/square.ts", "import { Shape, unit } from './shape';\nexport class Square implements Shape {\n  area(): number { return unit(); }\n}\n"));
        Assert.True(Has(graph, "IMPLEMENTS", "`square.ts`/Square#", "`shape.ts`/Shape#"));
        Assert.True(Has(graph, "CALLS", "Square#area().", "`shape.ts`/unit()."));
        Assert.True(Has(graph, "IMPORTS", "`square.ts`/", "`shape.ts`/"));
    }

    [Fact]
    public async Task Manifests_EntryPointsAndTasks()
    {
        var graph = await GraphOf(
            ("package.json", "{\"name\":\"tool\",\"bin\":{\"tool\":\"./cli.js\"},\"scripts\":{\"test\":\"node --test\"}}"),
            ("cli.js", "function main() { return 1; }\nmain();\n"),
            ("pyproject.toml", "[project]\nname = \"x\"\n[project.scripts]\nxcli = \"pkg.app:run\"\n"),
            ("pkg/app.py", "def run():\n    pass\n"));
        var nodes = graph.GetProperty("nodes").EnumerateArray().ToList();
        var test = nodes.Single(n => n.GetProperty("kind").GetString() == "task" && n.GetProperty("properties").GetProperty("phase").GetString() == "test");
        Assert.Equal("npm test", test.GetProperty("properties").GetProperty("command").GetString());
        Assert.Equal("package.json", test.GetProperty("file").GetString());
        Assert.True(Has(graph, "DEPENDS_ON", "entrypoint:node-bin:cli.js#tool", "`cli.js`/"));
        Assert.True(Has(graph, "DEPENDS_ON", "entrypoint:console-script:pkg/app.py#xcli", "`app.py`/run()."));
        var run = nodes.Single(n => n.GetProperty("id").GetString()!.EndsWith("`app.py`/run().", StringComparison.Ordinal));
        Assert.Contains("entry", run.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task BadFiles_AreSkippedWithAReason_NeverACrash()
    {
        var minified = "var a=" + string.Concat(Enumerable.Repeat("1+", 5000)) + "1;";
        var graph = await GraphOf(
            ("ok.py", "def f():\n    pass\n"),
            ("bundle.min.js", minified),
            ("weird.py", "def f(:\n  \u0000\n"),
            ("broken.go", "package x\nfunc ( {"));
        // The Classifier calls weird.py binary and bundle.min.js generated; without its file list the stage decides.
        Assert.DoesNotContain(graph.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("file").ValueKind == JsonValueKind.String && n.GetProperty("file").GetString() == "weird.py");
        Assert.Equal(1, graph.GetProperty("stats").GetProperty("partial").GetInt32());
        var alone = await StageHarness.DigestAsync(new MemorySourceTree(("ok.py", "def f():\n    pass\n"), ("bundle.min.js", minified), ("weird.py", "def f(:\n  \u0000\n")), classify: false);
        var skipped = JsonDocument.Parse(alone.Files["kg.json"]).RootElement.GetProperty("skipped").EnumerateArray()
            .ToDictionary(s => s.GetProperty("path").GetString()!, s => s.GetProperty("reason").GetString()!);
        Assert.StartsWith("binary", skipped["weird.py"]);
        Assert.StartsWith("minified", skipped["bundle.min.js"]);
    }

    [Fact]
    public async Task Cache_UnchangedSourceReparsesNothing_OneChangedFileReparsesOne()
    {
        var cache = Path.Combine(Path.GetTempPath(), "noa-graph-cache-" + Guid.NewGuid().ToString("N"));
        try
        {
            (string, string)[] files = [("a.py", "def a():\n    b()\n"), ("b.py", "def b():\n    pass\n"), ("c.go", "package c\nfunc C() {}\n")];
            var first = await Stats(cache, files);
            Assert.Equal((3, 0), first);
            Assert.Equal((0, 3), await Stats(cache, files));
            files[1] = ("b.py", "def b():\n    return 2\n");
            Assert.Equal((1, 2), await Stats(cache, files));
        }
        finally
        {
            if (Directory.Exists(cache))
            {
                Directory.Delete(cache, recursive: true);
            }
        }
    }

    [Fact]
    public async Task AspNet_GroupsNamedAfterTheTypesFoundByReflection_HandlerFirstWrappers_IdentityApi()
    {
        // The shape of the CleanArchitecture template (written here, not copied): every IRouteModule is found by
        // reflection and mapped under $"/v2/{name}" (name = the type's name) unless it declares its own prefix; the
        // modules call the project's MapGet(handler, pattern = "") wrappers.
        var graph = await GraphOf(
            ("Web/Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.MapModules(typeof(Program).Assembly);\napp.MapGet(\"/ping\", () => \"pong\");\napp.Run();\n"),
            ("Web/Infra/IRouteModule.cs", "public interface IRouteModule\n{\n    static virtual string? BasePath => null;\n    static abstract void Register(RouteGroupBuilder routes);\n}\n"),
            ("Web/Infra/RouteModules.cs", """
                public static class RouteModules
                {
                    public static WebApplication MapModules(this WebApplication app, Assembly assembly)
                    {
                        foreach (var moduleType in assembly.GetTypes().Where(t => !t.IsAbstract && t.IsAssignableTo(typeof(IRouteModule))))
                        {
                            var name = moduleType.Name;
                            var prefix = moduleType.GetProperty(nameof(IRouteModule.BasePath))?.GetValue(null) as string ?? $"/v2/{name}";
                            var routes = app.MapGroup(prefix).WithTags(name);
                            moduleType.GetMethod(nameof(IRouteModule.Register))!.Invoke(null, [routes]);
                        }
                        return app;
                    }

                    public static RouteHandlerBuilder MapGet(this IEndpointRouteBuilder builder, Delegate handler, string pattern = "") => builder.MapGet(pattern, handler);
                    public static RouteHandlerBuilder MapDelete(this IEndpointRouteBuilder builder, Delegate handler, string pattern) => builder.MapDelete(pattern, handler);
                }
                """),
            ("Web/Modules/Orders.cs", """
                public class Orders : IRouteModule
                {
                    public static void Register(RouteGroupBuilder routes)
                    {
                        routes.MapGet(List);
                        routes.MapDelete(Remove, "{id}");
                    }
                    public static string[] List() => [];
                    public static void Remove(int id) { }
                }
                """),
            ("Web/Modules/Lines.cs", """
                public class Lines : IRouteModule
                {
                    public static string? BasePath => "/v2/Orders/{orderId}/Lines";
                    public static void Register(RouteGroupBuilder routes) => routes.MapGet(All, "all");
                    public static string[] All(int orderId) => [];
                }
                """),
            ("Web/Modules/Accounts.cs", """
                public class Accounts : IRouteModule
                {
                    public static void Register(RouteGroupBuilder routes) => routes.MapIdentityApi<AppUser>();
                }
                """),
            ("Web/Other/Helper.cs", """
                public class Helper
                {
                    public static void Register(RouteGroupBuilder routes) => routes.MapGet(Stats, "stats");
                    public static int Stats() => 1;
                }
                """));
        var endpoints = graph.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("kind").GetString() == "endpoint")
            .Select(n => $"{n.GetProperty("properties").GetProperty("method").GetString()} {n.GetProperty("properties").GetProperty("route").GetString()}")
            .ToHashSet();
        Assert.Contains("GET /ping", endpoints);
        Assert.Contains("GET /v2/Orders", endpoints);
        Assert.Contains("DELETE /v2/Orders/{id}", endpoints);
        Assert.Contains("GET /v2/Orders/{orderId}/Lines/all", endpoints); // the module's own prefix, not its name
        Assert.Contains("POST /v2/Accounts/login", endpoints);
        Assert.Contains("GET /v2/Accounts/manage/info", endpoints);
        Assert.Equal(10, endpoints.Count(e => e.Contains("/v2/Accounts/", StringComparison.Ordinal)));
        // Control: a class that is no IRouteModule is not mapped under the template.
        Assert.DoesNotContain(endpoints, e => e.Contains("/v2/Helper", StringComparison.Ordinal) || e.Contains("/v2/Lines/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AspNet_GroupsNamedAfterTheInstanceThatMapsThem()
    {
        // The template's earlier shape (written here, not copied): each EndpointGroupBase subclass is created by
        // reflection and maps itself with app.MapGroup(this), a project extension naming the group after GetType().Name.
        var graph = await GraphOf(
            ("Web/Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.MapEndpoints();\napp.Run();\n"),
            ("Web/Infra/EndpointGroupBase.cs", "public abstract class EndpointGroupBase\n{\n    public abstract void Map(WebApplication app);\n}\n"),
            ("Web/Infra/WebApplicationExtensions.cs", """
                public static class WebApplicationExtensions
                {
                    public static RouteGroupBuilder MapGroup(this WebApplication app, EndpointGroupBase group)
                    {
                        var groupName = group.GetType().Name;
                        return app.MapGroup($"/api/{groupName}").WithGroupName(groupName).WithTags(groupName);
                    }

                    public static WebApplication MapEndpoints(this WebApplication app)
                    {
                        foreach (var type in Assembly.GetExecutingAssembly().GetExportedTypes().Where(t => t.IsSubclassOf(typeof(EndpointGroupBase))))
                        {
                            if (Activator.CreateInstance(type) is EndpointGroupBase instance)
                            {
                                instance.Map(app);
                            }
                        }
                        return app;
                    }
                }
                """),
            ("Web/Infra/RouteGroupBuilderExtensions.cs", """
                public static class RouteGroupBuilderExtensions
                {
                    public static RouteGroupBuilder MapGet(this RouteGroupBuilder builder, Delegate handler, string pattern = "")
                    {
                        builder.MapGet(pattern, handler).WithName(handler.Method.Name);
                        return builder;
                    }
                }
                """),
            ("Web/Endpoints/Invoices.cs", """
                public class Invoices : EndpointGroupBase
                {
                    public override void Map(WebApplication app)
                    {
                        app.MapGroup(this)
                            .RequireAuthorization()
                            .MapGet(GetInvoices)
                            .MapGet(GetInvoice, "{id}");
                    }
                    public static string[] GetInvoices() => [];
                    public static string GetInvoice(int id) => "";
                }
                """));
        var endpoints = graph.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("kind").GetString() == "endpoint")
            .Select(n => $"{n.GetProperty("properties").GetProperty("method").GetString()} {n.GetProperty("properties").GetProperty("route").GetString()}")
            .ToHashSet();
        Assert.Equal(["GET /api/Invoices", "GET /api/Invoices/{id}"], endpoints.Order(StringComparer.Ordinal));
    }

    private static async Task<(int Parsed, int Cached)> Stats(string cache, (string, string)[] files)
    {
        var artifacts = new MemoryArtifacts();
        var stage = new GraphStage(Options.Create(new GraphOptions { CacheDirectory = cache }), NullLogger<GraphStage>.Instance);
        var outcome = await stage.ExecuteAsync(StageHarness.Context(new MemorySourceTree(files), artifacts), CancellationToken.None);
        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        var stats = JsonDocument.Parse(artifacts.Files["kg.json"]).RootElement.GetProperty("stats");
        return (stats.GetProperty("parsed").GetInt32(), stats.GetProperty("cached").GetInt32());
    }
}
