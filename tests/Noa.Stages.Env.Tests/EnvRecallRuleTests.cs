namespace Noa.Stages.Env.Tests;

/// <summary>The environment variables the apps corpus's plans missed or charged wrongly (docs/benchmarks.md, issue 16): gun's start
/// runs an example file and guards reads as <c>(process.env||'').AXE</c>; peer's bin is a minified bundle the graph does not parse;
/// etcd's module holds etcdctl beside the server; alertmanager imports the AWS SDK for SNS, not S3 — each beside a control.</summary>
public sealed class EnvRecallRuleTests
{
    private const string Lock = """{ "name": "s", "lockfileVersion": 3, "packages": { "": {} } }""";

    private static MemorySourceTree Node(string start, params (string Path, string Text)[] more) => new(
        [("package.json", $$"""{ "name": "srv", "version": "1.0.0", "main": "index.js", "bin": { "srv": "dist/bin/srv.js" }, "scripts": { "start": "{{start}}" } }"""),
         ("package-lock.json", Lock), (".gitignore", "node_modules\n"),
         ("index.js", "module.exports = require('./lib/core.js');\n"), .. more]);

    // gun's shape: the server is an example file the start script runs, the library guards its reads for browsers.
    private const string Example = """
        var config = {
          port: process.env.OPENSHIFT_NODEJS_PORT || process.env.PORT || 8765,
          peers: process.env.PEERS && process.env.PEERS.split(',') || []
        };
        require('http').createServer(require('../')).listen(config.port);
        """;

    [Fact]
    public async Task TheExampleTheStartRuns_AndGuardedReads_AreTheAppsVariables()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(Node("node --prof examples/http.js",
            ("Procfile", "web: node --inspect examples/http.js"), ("examples/http.js", Example),
            ("examples/other.js", "console.log(process.env.OTHER_EXAMPLE_ONLY);\n"),
            ("lib/core.js", "module.exports = {};\nif ('false' === '' + (process.env || '').MULTICAST) { return }\nvar dir = (process.env || {}).RAD_DIR;\n")));
        var app = EnvHarness.App(plan, ".");
        Assert.Equal(["MULTICAST", "OPENSHIFT_NODEJS_PORT", "PEERS", "PORT", "RAD_DIR"], app.Env.Select(v => v.Name));
        Assert.Equal(["examples/http.js:3"], app.Env.Single(v => v.Name == "PEERS").Evidence);
        Assert.Equal("8765", app.Env.Single(v => v.Name == "PORT").Default);
        Assert.Equal(["lib/core.js:2"], app.Env.Single(v => v.Name == "MULTICAST").Evidence);

        // Control: the same example not started (the start runs a product file) is not the app's.
        var (_, _, other) = await EnvHarness.RunAsync(Node("node server.js",
            ("server.js", "require('http').createServer().listen(8080);\n"), ("examples/http.js", Example)));
        Assert.Empty(EnvHarness.App(other, ".").Env);
    }

    // peer's shape: the bin is a bundle on long lines, which the Classifier calls generated and the graph does not parse.
    private static readonly string Bundle = "#!/usr/bin/env node\n" +
        "import e from\"node:path\";const s=e=>e;const M=s(process.argv),b=!!process.env.PORT,P=M.options({port:{type:\"number\",alias:\"p\"},path:{type:\"string\"," +
        "describe:\"custom path\",default:process.env.SRV_PATH??\"/\"},key:{type:\"string\",describe:\"path to the key\"}}).parseSync();P.port||(P.port=parseInt(process.env.PORT));" +
        "require(\"http\").createServer().listen(P.port);\n";

    [Fact]
    public async Task AMinifiedBinTheStartRuns_IsReadForItsVariables()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(Node("node dist/bin/srv.js --port ${PORT:=9000}", ("dist/bin/srv.js", Bundle),
            ("dist/other.js", "#!/usr/bin/env node\n" + Bundle.Replace("SRV_PATH", "OTHER_BUNDLE", StringComparison.Ordinal).Split('\n')[1] + "\n")));
        var app = EnvHarness.App(plan, ".");
        Assert.Equal(["PORT", "SRV_PATH"], app.Env.Select(v => v.Name));
        Assert.Equal(["dist/bin/srv.js:2"], app.Env.Single(v => v.Name == "SRV_PATH").Evidence);
        Assert.Equal("/", app.Env.Single(v => v.Name == "SRV_PATH").Default);

        // Control: a start that runs no file of the source (a program on PATH) reads no bundle.
        var (_, _, none) = await EnvHarness.RunAsync(Node("serve-it", ("dist/bin/srv.js", Bundle)));
        Assert.Empty(EnvHarness.App(none, ".").Env);
    }

    private const string GoServer = """
        package main

        import (
        	"net/http"
        	"os"

        	"example.com/srvd/zone"
        )

        func main() {
        	if os.Getenv("SRVD_DEBUG") != "" {
        		zone.Load()
        	}
        	http.ListenAndServe(":2379", nil)
        }
        """;

    private const string GoClient = """
        package main

        import (
        	"fmt"
        	"os"

        	"example.com/srvd/srvctl/command"
        )

        func main() { fmt.Println(os.Getenv("SRVCTL_ENDPOINTS"), command.API()) }
        """;

    [Fact]
    public async Task AGoClientBesideTheServer_KeepsItsOwnVariables()
    {
        var files = new[]
        {
            ("go.mod", "module example.com/srvd\n\ngo 1.19\n"),
            ("main.go", GoServer),
            ("zone/zone.go", "package zone\n\nimport \"os\"\n\nfunc Load() string { return os.Getenv(\"ZONEINFO\") + os.Getenv(\"SRVCTL_API\") }\n"),
            ("srvctl/main.go", GoClient),
            ("srvctl/command/global.go", "package command\n\nimport \"os\"\n\nfunc API() string { return os.Getenv(\"SRVCTL_API\") + os.Getenv(\"SRVCTL_CERT\") }\n"),
        };
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(files));
        var app = EnvHarness.App(plan, ".");
        // SRVCTL_API is read by the server's own zone package too: kept, with that read only.
        Assert.Equal(["SRVCTL_API", "SRVD_DEBUG", "ZONEINFO"], app.Env.Select(v => v.Name));
        Assert.Equal(["zone/zone.go:5"], app.Env.Single(v => v.Name == "SRVCTL_API").Evidence);

        // Control: with the client's main package gone, its folder is one of the server's packages and its reads are the app's.
        var (_, _, one) = await EnvHarness.RunAsync(new MemorySourceTree(files.Where(f => f.Item1 != "srvctl/main.go").ToArray()));
        Assert.Equal(["SRVCTL_API", "SRVCTL_CERT", "SRVD_DEBUG", "ZONEINFO"], EnvHarness.App(one, ".").Env.Select(v => v.Name));
    }

    private static string AwsService(string service) => $$"""
        package main

        import (
        	"net/http"

        	"github.com/aws/aws-sdk-go/aws/session"
        	"github.com/aws/aws-sdk-go/service/{{service}}"
        )

        func main() {
        	client := {{service}}.New(session.Must(session.NewSession()))
        	_ = client
        	http.ListenAndServe(":9093", nil)
        }
        """;

    [Fact]
    public async Task AnAwsServiceIsNoStore_ButS3Is()
    {
        var (_, _, sns) = await EnvHarness.RunAsync(new MemorySourceTree(("go.mod", "module example.com/notify\n\ngo 1.19\n"), ("main.go", AwsService("sns"))));
        Assert.Empty(EnvHarness.App(sns, ".").Stores);

        // Control: the S3 service is a store.
        var (_, _, s3) = await EnvHarness.RunAsync(new MemorySourceTree(("go.mod", "module example.com/notify\n\ngo 1.19\n"), ("main.go", AwsService("s3"))));
        Assert.Equal("s3", Assert.Single(EnvHarness.App(s3, ".").Stores).Kind);
    }
}
