namespace Noa.TreeSitter.Tests.Queries;

public sealed class CSharpQueryTests
{
    private const string Code = """
        global using System.Text;
        using X = A.B;
        namespace N.M;
        /// <summary>Doc.</summary>
        [Route("api/[controller]")]
        public sealed class C : ControllerBase, IDisposable
        {
            private const int K = 1;
            public int P { get; set; }
            [HttpGet("{id}")]
            public IActionResult Get(int id) => Ok();
            [Fact]
            public void Test1() { Environment.GetEnvironmentVariable("HOME"); _ = configuration["A:B"]; new Uri("https://x.y"); cmd.ExecuteReader(); new Option<int>("--count"); }
        }
        public record struct RS(int A);
        public enum En { A, B = 2 }
        static class Prog { static void Main() { app.MapGet("/x", Handler); var g = app.MapGroup("/api"); g.MapPost("/y", async (int a) => a); } }
        """;

    [Fact]
    public void DefinitionsAndSurface()
    {
        var defs = StaticQueryFixture.Definitions("csharp", Code);
        Assert.Contains("namespace N.M", defs);
        Assert.Contains("class C", defs);
        Assert.Contains("constant K", defs);
        Assert.Contains("property P", defs);
        Assert.Contains("method Test1 test", defs);
        Assert.Contains("method Get", defs);
        Assert.Contains("record RS", defs);
        Assert.Contains("constant B", defs);
        Assert.Equal(["ControllerBase"], StaticQueryFixture.Texts("csharp", Code, "inherits", "base"));
        Assert.Equal(["IDisposable"], StaticQueryFixture.Texts("csharp", Code, "inherits", "implements"));
        Assert.Equal(["\"api/[controller]\"", "\"{id}\"", "\"/x\"", "\"/y\""], StaticQueryFixture.Texts("csharp", Code, "endpoint", "endpoint.route"));
        Assert.Equal(["app.MapGroup(\"/api\")"], StaticQueryFixture.Texts("csharp", Code, "route.router", "route.router")); // a group, composed by the builder
        Assert.Equal(["app", "g"], StaticQueryFixture.Texts("csharp", Code, "endpoint", "endpoint.router"));
        Assert.Equal(["\"HOME\""], StaticQueryFixture.Texts("csharp", Code, "config.env"));
        Assert.Equal(["\"A:B\""], StaticQueryFixture.Texts("csharp", Code, "config.key"));
        Assert.Equal(["\"--count\""], StaticQueryFixture.Texts("csharp", Code, "cli.flag"));
        Assert.Equal(["\"https://x.y\""], StaticQueryFixture.Texts("csharp", Code, "http.url"));
        Assert.Equal(["ExecuteReader"], StaticQueryFixture.Texts("csharp", Code, "store.call"));
        Assert.Equal(["X"], StaticQueryFixture.Texts("csharp", Code, "import", "import.alias").Where(a => a == "X"));
    }

    [Fact]
    public void Corpus_GatewayEndpoints()
    {
        var code = StaticQueryFixture.Corpus("csharp/src/Noa.Gateway/Admin/QueueEndpoints.cs");
        if (code is null)
        {
            return;
        }
        var routes = StaticQueryFixture.Texts("csharp", code, "endpoint", "endpoint.route");
        Assert.Contains("\"/queues\"", routes);
        Assert.Contains("\"/queues/{stream}/replay\"", routes);
        Assert.Contains("ReplayAsync", StaticQueryFixture.Texts("csharp", code, "endpoint", "endpoint.handler"));
    }
}
