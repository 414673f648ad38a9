namespace Noa.Stages.Env.Tests;

/// <summary>A Go program that serves though the Classifier calls it a command line, and its port from Go literals: a listen flag's
/// default passed to a flag helper (alertmanager), a struct literal's listen field (dms), an imported package's listen default
/// (etcd's embed). Controls: a program that only dials, and client-side addresses, are not servers or ports.</summary>
public sealed class GoServerPortTests
{
    // Past the head of the file the Classifier reads (8000 bytes), as alertmanager's 600-line main.go serves at its end.
    private static readonly string Padding = string.Concat(Enumerable.Range(0, 300).Select(i => $"var unused{i} = \"a value that is no port at all\"\n"));

    [Fact]
    public async Task KingpinProgram_ServingAtTheEndOfMain_IsAServer_OnTheFlagHelpersAddress()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("go.mod", "module github.com/acme/alertd\n\ngo 1.19\n"),
            ("cmd/alertd/main.go", $$"""
                package main

                import (
                	"net/http"

                	"github.com/alecthomas/kingpin/v2"
                	"github.com/prometheus/exporter-toolkit/web"
                	webflag "github.com/prometheus/exporter-toolkit/web/kingpinflag"
                )

                var (
                	upstream  = kingpin.Flag("alertd.url", "Alertd to forward to").Default("http://localhost:9094/").String()
                	webConfig = webflag.AddFlags(kingpin.CommandLine, ":9093")
                )

                {{Padding}}
                func main() {
                	kingpin.Parse()
                	srv := &http.Server{}
                	web.ListenAndServe(srv, webConfig, nil)
                }
                """)));

        var app = EnvHarness.App(plan, ".");
        Assert.Equal("cli", app.Kind);
        Assert.True(app.Server);
        Assert.Contains("server.go-main", app.Start.Rule);
        Assert.Contains("cmd/alertd/main.go:320", app.Start.Evidence);
        Assert.Equal("9093", app.Port.Value);
        Assert.StartsWith("port.go-flag-default", app.Port.Rule);
        Assert.Equal("cmd/alertd/main.go:13", Assert.Single(app.Port.Evidence));
        Assert.Empty(app.Contradictions);
    }

    [Fact]
    public async Task ConfigLiteralsListenField_IsThePort_NotAnEndpointField()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("go.mod", "module github.com/acme/mediad\n\ngo 1.19\n"),
            ("main.go", """
                package main

                import (
                	"flag"
                	"net"
                )

                type Config struct {
                	Endpoint string
                	Http     string
                }

                var config = Config{
                	Endpoint: "upnp.example:4000",
                	Http:     ":1338",
                }

                func main() {
                	http := flag.String("http", config.Http, "http server port")
                	flag.Parse()
                	l, _ := net.Listen("tcp", *http)
                	_ = l
                }
                """)));

        var app = EnvHarness.App(plan, ".");
        Assert.True(app.Server);
        Assert.Equal("1338", app.Port.Value);
        Assert.StartsWith("port.go-config-literal", app.Port.Rule);
        Assert.Equal("main.go:15", Assert.Single(app.Port.Evidence));
    }

    [Fact]
    public async Task ImportedPackagesListenDefault_IsThePort_ThePeersAfterIt_TheAdvertisedAndClientsNever()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("go.mod", "module go.acme.io/kvd\n\ngo 1.19\n"),
            ("main.go", "package main\n\nimport \"go.acme.io/kvd/kvdmain\"\n\nfunc main() { kvdmain.Main() }\n"),
            ("kvdmain/main.go", """
                package kvdmain

                import (
                	"net/http"

                	"go.acme.io/kvd/embed"
                )

                func Main() { http.ListenAndServe(embed.DefaultListenClientURLs[len("http://localhost"):], nil) }
                """),
            ("embed/config.go", """
                package embed

                const (
                	DefaultAdvertiseClientURLs = "http://localhost:2479"
                	DefaultListenPeerURLs      = "http://localhost:2380"
                	DefaultListenClientURLs    = "http://localhost:2379"
                )
                """),
            ("client/client.go", "package client\n\nconst DefaultEndpoint = \"http://localhost:7000\"\n")));

        var app = EnvHarness.App(plan, ".");
        Assert.True(app.Server);
        Assert.Equal("2379", app.Port.Value);
        Assert.StartsWith("port.go-default-constant", app.Port.Rule);
        Assert.Contains("DefaultListenClientURLs", app.Port.Rule);
        Assert.Equal("embed/config.go:6", Assert.Single(app.Port.Evidence));
        Assert.Empty(app.Contradictions);
    }

    [Fact]
    public async Task TwoListenFlagsOnDifferentPorts_TheFirstIsTaken_AndTheContradictionListed()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("go.mod", "module github.com/acme/gw\n\ngo 1.19\n"),
            ("main.go", $$"""
                package main

                import (
                	"net"

                	"github.com/spf13/pflag"
                )

                var (
                	httpAddr = pflag.StringP("http-addr", "a", ":8080", "HTTP listen address")
                	grpcAddr = pflag.String("grpc-listen", ":9090", "gRPC listen address")
                	metrics  = pflag.String("metrics-addr", ":9100", "metrics listen address")
                )

                {{Padding}}
                func main() {
                	pflag.Parse()
                	net.Listen("tcp", *grpcAddr)
                }
                """)));

        var app = EnvHarness.App(plan, ".");
        Assert.Equal("8080", app.Port.Value);
        var conflict = Assert.Single(app.Contradictions);
        Assert.Equal("port", conflict.Field);
        Assert.Equal(["8080", "9090"], conflict.Candidates.Select(c => c.Value));
    }

    [Fact]
    public async Task ProgramThatOnlyDials_StaysACommandLine_Control()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("go.mod", "module github.com/acme/kvctl\n\ngo 1.19\n"),
            ("main.go", $$"""
                package main

                import (
                	"flag"
                	"net"
                	"net/http"

                	"github.com/acme/kvctl/client"
                )

                var server = flag.String("server", "localhost:2379", "the server to talk to")

                {{Padding}}
                func main() {
                	flag.Parse()
                	http.Get(client.DefaultServerURL)
                	net.Dial("tcp", *server)
                }
                """),
            ("client/client.go", "package client\n\nconst (\n\tDefaultServerURL = \"http://localhost:2379\"\n\tDefaultEndpoint = \"localhost:2379\"\n)\n")));

        var app = EnvHarness.App(plan, ".");
        Assert.Equal("cli", app.Kind);
        Assert.False(app.Server);
        Assert.Null(app.Port.Value);
    }
}
