namespace Noa.Stages.Env.Tests;

/// <summary>Which package main of a Go module the image builds (the apps corpus's alertmanager built its asset generator, etcd its
/// contrib/raftexample and took that example's port flag).</summary>
public sealed class GoMainRuleTests
{
    private static string Server(string flagName, int port) => $$"""
        package main

        import (
        	"flag"
        	"log"
        	"net/http"
        )

        var addr = flag.String("{{flagName}}", ":{{port}}", "where to listen")

        func main() {
        	flag.Parse()
        	log.Fatal(http.ListenAndServe(*addr, nil))
        }
        """;

    private const string Generator = """
        //go:build ignore

        package main

        import "os"

        func main() { os.WriteFile("assets_vfsdata.go", nil, 0o644) }
        """;

    private const string Tool = """
        package main

        import "fmt"

        func main() { fmt.Println("alertctl: a command-line client") }
        """;

    [Fact]
    public async Task CmdFolderNamedAsTheModule_IsBuilt_AndGeneratorsAndExamplesAreLeftOut()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("go.mod", "module github.com/acme/alertd/v2\n\ngo 1.19\n"),
            ("asset/asset_generate.go", Generator),
            ("cmd/alertctl/main.go", Tool),
            ("cmd/alertd/main.go", Server("listen-address", 9093)),
            ("examples/webhook/main.go", Server("port", 5001))));

        var app = EnvHarness.App(plan, ".");
        Assert.Equal("CGO_ENABLED=0 go build -trimpath -o /out/server ./cmd/alertd", app.Build.Value);
        Assert.Contains("go.main: cmd/alertd of ", app.Build.Rule);
        Assert.Contains("(cmd/ folder named as the module (alertd))", app.Build.Rule);
        Assert.Contains("in example, contrib, generator or test folders left out", app.Build.Rule);
        Assert.Equal("cmd/alertd/main.go:11", Assert.Single(app.Build.Evidence));
    }

    [Fact]
    public async Task RootMain_BeatsAContribExample_WhosePortIsNotTheApps()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("go.mod", "module go.acme.io/kvd\n\ngo 1.19\n"),
            ("main.go", Server("listen", 2379)),
            ("contrib/raftexample/main.go", Server("port", 9121))));

        var app = EnvHarness.App(plan, ".");
        Assert.Equal("CGO_ENABLED=0 go build -trimpath -o /out/server ./", app.Build.Value);
        Assert.Equal("2379", app.Port.Value);
    }

    [Fact]
    public async Task NoCmdFolderNamedAsTheModule_TheFirstCmdFolder_Control()
    {
        // The same tree under another module name: neither cmd/ folder is the module's, so the first in the graph's order is built
        // (alertctl), and the rule does not claim the name matched.
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("go.mod", "module github.com/acme/platform\n\ngo 1.19\n"),
            ("asset/asset_generate.go", Generator),
            ("cmd/alertctl/main.go", Tool),
            ("cmd/alertd/main.go", Server("listen-address", 9093)),
            ("examples/webhook/main.go", Server("port", 5001))));

        var app = EnvHarness.App(plan, ".");
        Assert.Equal("CGO_ENABLED=0 go build -trimpath -o /out/server ./cmd/alertctl", app.Build.Value);
        Assert.Contains("(a cmd/ folder)", app.Build.Rule);
        Assert.DoesNotContain("named as the module", app.Build.Rule);
    }
}
