namespace Noa.TreeSitter.Tests.Queries;

public sealed class GoQueryTests
{
    private const string Code = """
        package main

        import (
        	nh "net/http"
        	"github.com/spf13/cobra"
        )

        // Server serves.
        type Server struct {
        	Addr string
        	*Base
        }

        type Handler interface{ Serve() error }

        const A, B = 1, 2

        func TestFoo(t *testing.T) {}
        func TestMain(m *testing.M) {}

        // Run runs.
        func (s *Server) Run() {}

        func main() {
        	flag.String("port", "80", "")
        	flag.BoolVar(&v, "verbose", false, "")
        	_ = &cobra.Command{Use: "serve"}
        	nh.HandleFunc("GET /items/{id}", s.getItem)
        	r.GET("/users/:id", mw, getUser)
        	os.Getenv("HOME")
        	viper.GetString("db.host")
        	http.Get("https://example.com")
        	db.Query("SELECT 1")
        }
        """;

    [Fact]
    public void Definitions_TestsDocsAndReceivers()
    {
        var defs = StaticQueryFixture.Definitions("go", Code);
        Assert.Contains("struct Server doc", defs);
        Assert.Contains("field Addr", defs);
        Assert.Contains("field Base", defs);
        Assert.Contains("interface Handler", defs);
        Assert.Contains("method Serve", defs);
        Assert.Contains("constant B", defs);
        Assert.Contains("function TestFoo test", defs);
        Assert.Contains("function TestMain", defs);
        Assert.Contains("method Run doc of Server", defs);
        Assert.Equal(1, defs.Count(d => d.StartsWith("method Run", StringComparison.Ordinal)));
    }

    [Fact]
    public void Surface_EndpointsConfigCliUrlsStore()
    {
        Assert.Equal(["\"GET /items/{id}\"", "\"/users/:id\""], StaticQueryFixture.Texts("go", Code, "endpoint", "endpoint.route"));
        Assert.Equal(["s.getItem", "getUser"], StaticQueryFixture.Texts("go", Code, "endpoint", "endpoint.handler"));
        Assert.Equal(["\"port\"", "\"verbose\""], StaticQueryFixture.Texts("go", Code, "cli.flag"));
        Assert.Equal(["\"serve\""], StaticQueryFixture.Texts("go", Code, "cli.command"));
        Assert.Equal(["\"HOME\""], StaticQueryFixture.Texts("go", Code, "config.env"));
        Assert.Equal(["\"db.host\""], StaticQueryFixture.Texts("go", Code, "config.key"));
        Assert.Equal(["\"https://example.com\""], StaticQueryFixture.Texts("go", Code, "http.url"));
        Assert.Equal(["Query"], StaticQueryFixture.Texts("go", Code, "store.call"));
        Assert.Equal(["nh"], StaticQueryFixture.Texts("go", Code, "import", "import.alias"));
        Assert.Equal(["\"net/http\"", "\"github.com/spf13/cobra\""], StaticQueryFixture.Texts("go", Code, "import", "import.module"));
        Assert.Contains("Base", StaticQueryFixture.Texts("go", Code, "inherits", "base"));
    }

    [Fact]
    public void Corpus_NetHttpServer()
    {
        var code = StaticQueryFixture.Corpus("go/net/http/server.go");
        if (code is null)
        {
            return;
        }
        var defs = StaticQueryFixture.Definitions("go", code);
        Assert.Contains("struct Server doc", defs);
        Assert.Contains("method ListenAndServe doc of Server", defs);
        Assert.Contains("function HandleFunc doc", defs);
        Assert.Contains("method HandleFunc doc of ServeMux", defs);
        var example = StaticQueryFixture.Corpus("go/net/http/example_test.go")!;
        Assert.Contains("function ExampleHijacker test", StaticQueryFixture.Definitions("go", example));
        Assert.Contains("\"/hijack\"", StaticQueryFixture.Texts("go", example, "endpoint", "endpoint.route"));
        Assert.Contains("\"/tmpfiles/\"", StaticQueryFixture.Texts("go", example, "endpoint", "endpoint.route"));
    }
}
