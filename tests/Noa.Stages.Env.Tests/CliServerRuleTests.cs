using Noa.Abstractions;

namespace Noa.Stages.Env.Tests;

/// <summary>What the `apps` corpus's servers that built and did not answer showed (docs/benchmarks.md, the apps corpus): a Node CLI
/// whose port default lives in a dependency (http-server, local-web-server), a port in the example file the Procfile runs (gun), a
/// debug script's listen literal taken over the DEFAULT_PORT constant (verdaccio), a lockfile with a dist-tag the image's npm
/// refuses (verdaccio), a Go server that exits without the file flag its docs pass (webhook) — each beside a control.</summary>
public sealed class CliServerRuleTests
{
    private const string Lock = """{ "name": "s", "lockfileVersion": 3, "packages": { "": { "dependencies": { "ms": "2.1.3" } } } }""";

    // http-server's bin, in short: minimist flags, a help text with the port's default, a listen.
    private const string HelpBin = """
        #!/usr/bin/env node
        var argv = require('minimist')(process.argv.slice(2));
        if (argv.h || argv.help) {
          console.log([
            'usage: hs [path] [options]',
            '  -p --port    Port to use. If 0, look for open port. [8080]',
            '  -a           Address to use [0.0.0.0]'
          ].join('\n'));
          process.exit();
        }
        require('../lib/serve')(argv.p || argv.port, argv.a);
        """;

    private static MemorySourceTree Cli(string bin, string readme, string start = "node ./bin/hs") => new(
        ("package.json", $$"""{ "name": "hs", "version": "1.0.0", "main": "./lib/serve", "bin": { "hs": "./bin/hs" }, "scripts": { "start": "{{start}}" }, "dependencies": { "minimist": "1.2.8" } }"""),
        ("package-lock.json", Lock), ("bin/hs", bin), ("lib/serve.js", "module.exports = function (port, host) { require('./server').create().listen(port, host); };\n"),
        ("README.md", readme));

    [Fact]
    public async Task NodeCli_WhoseOwnBinDocumentsAPortFlag_IsAServer_OnItsShownDefault_PassedExplicitly()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(Cli(HelpBin, "# hs\n\n```\nnpm start\n```\n"));

        var app = EnvHarness.App(plan, ".");
        Assert.True(app.Server);
        Assert.Equal(("8080", "port.cli-flag: --port shown in bin/hs, its default there is 8080"), (app.Port.Value, app.Port.Rule));
        Assert.Equal(["bin/hs:6"], app.Port.Evidence);
        Assert.Equal("node ./bin/hs --port 8080", app.Start.Value);
        Assert.Contains("start.cli-port", app.Start.Rule);

        // Control: a CLI whose bin shows no port flag (a formatter) stays a CLI, started as it was.
        var (_, _, formatter) = await EnvHarness.RunAsync(Cli(HelpBin.Replace("-p --port    Port to use. If 0, look for open port. [8080]", "-w --write   Write the files in place"), "# hs\n"));
        var cli = EnvHarness.App(formatter, ".");
        Assert.False(cli.Server);
        Assert.Null(cli.Port.Value);
        Assert.DoesNotContain("--port", cli.Start.Value ?? "");
    }

    [Fact]
    public async Task NodeCli_WhosePortDefaultIsADependencys_TakesTheReadmesListeningLine()
    {
        const string bin = "#!/usr/bin/env node\nimport Cli from 'lws/lib/cli-app.mjs'\nnew Cli().start()\n";
        var (_, _, plan) = await EnvHarness.RunAsync(Cli(bin, "# hs\n\n```sh\n$ hs\nListening on http://mbp.local:8000, http://127.0.0.1:8000\n```\n"));

        var app = EnvHarness.App(plan, ".");
        Assert.True(app.Server);
        Assert.Equal("8000", app.Port.Value);
        Assert.StartsWith("port.documented-listen", app.Port.Rule);
        Assert.Equal(["README.md:5"], app.Port.Evidence);

        // Control: a README that shows no listening line gives no port, and the CLI stays one.
        var (_, _, silent) = await EnvHarness.RunAsync(Cli(bin, "# hs\n\n```sh\n$ hs\n```\n"));
        Assert.False(EnvHarness.App(silent, ".").Server);
    }

    [Fact]
    public async Task TheFileTheProcfileRuns_ScopedAsAnExample_GivesThePort()
    {
        const string example = "var config = {\n  port: process.env.OPENSHIFT_NODEJS_PORT || process.env.PORT || process.argv[2] || 8765\n};\nrequire('http').createServer().listen(config.port);\n";
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("package.json", """{ "name": "g", "version": "1.0.0", "main": "index.js", "scripts": { "start": "node examples/http.js" }, "dependencies": { "ws": "8.0.0" } }"""),
            ("package-lock.json", Lock), ("index.js", "module.exports = require('./lib/core');\n"), ("lib/core.js", "module.exports = {};\n"),
            ("Procfile", "web: node --inspect examples/http.js\n"), ("examples/http.js", example)));

        var app = EnvHarness.App(plan, ".");
        Assert.Equal("8765", app.Port.Value);
        Assert.StartsWith("port.start-file: the start command runs examples/http.js (scoped as example", app.Port.Rule);
        Assert.Equal(["examples/http.js:2"], app.Port.Evidence);

        // Control: the same file without a literal fallback leaves the port undecided, never guessed.
        var (_, _, none) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("package.json", """{ "name": "g", "version": "1.0.0", "main": "index.js", "scripts": { "start": "node examples/http.js" }, "dependencies": { "ws": "8.0.0" } }"""),
            ("package-lock.json", Lock), ("index.js", "module.exports = require('./lib/core');\n"), ("lib/core.js", "module.exports = {};\n"),
            ("Procfile", "web: node --inspect examples/http.js\n"), ("examples/http.js", example.Replace(" || 8765", ""))));
        Assert.Null(EnvHarness.App(none, ".").Port.Value);
    }

    [Fact]
    public async Task DefaultPortConstant_WinsOverADebugScriptsListenLiteral()
    {
        MemorySourceTree Tree(bool constant) => new(
            ("package.json", """{ "name": "v", "version": "1.0.0", "main": "lib/index.js", "scripts": { "start": "node lib/index.js" }, "dependencies": { "express": "4.21.2" } }"""),
            ("package-lock.json", Lock),
            ("lib/index.js", "const express = require('express');\nconst c = require('./constants');\nconst app = express();\napp.get('/', (q, r) => r.send('ok'));\napp.listen(process.env.LISTEN || c.DEFAULT_PORT);\n"),
            ("lib/constants.js", constant ? "exports.DEFAULT_DOMAIN = 'localhost';\nexports.DEFAULT_PORT = '4873';\n" : "exports.DEFAULT_DOMAIN = 'localhost';\n"),
            ("debug/run-server.js", "const { runServer } = require('../lib');\nrunServer().then(app => app.listen(4000));\n"));

        var app = EnvHarness.App((await EnvHarness.RunAsync(Tree(true))).Plan, ".");
        Assert.Equal(("4873", "port.default-constant"), (app.Port.Value, app.Port.Rule));
        Assert.Equal(["lib/constants.js:2"], app.Port.Evidence);

        // Control: without the constant, a listen literal is what there is.
        Assert.NotEqual("4873", EnvHarness.App((await EnvHarness.RunAsync(Tree(false))).Plan, ".").Port.Value);
    }

    [Fact]
    public async Task LockWithADistTag_FallsBackToNpmInstall_AndAPlainLockStaysNpmCi()
    {
        const string tagged = """
            {
              "name": "s", "lockfileVersion": 3,
              "packages": {
                "": { "dependencies": { "audit": "1.0.0" } },
                "node_modules/audit": { "version": "1.0.0", "dependencies": { "node-fetch": "cjs" } }
              }
            }
            """;
        var manifest = """{ "name": "s", "version": "1.0.0", "scripts": { "start": "node server.js" }, "dependencies": { "audit": "1.0.0" } }""";
        var server = "require('http').createServer((q, r) => r.end('ok')).listen(process.env.PORT || 3000);\n";
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(("package.json", manifest), ("package-lock.json", tagged), ("server.js", server)));

        var install = EnvHarness.App(plan, ".").Install;
        Assert.StartsWith("npm ci || { echo 'npm ci refused the lockfile (node_modules/audit depends on node-fetch@cjs", install.Value);
        Assert.EndsWith("npm install --no-audit --no-fund; }", install.Value);
        Assert.Contains("install.npm-tagged-lock", install.Rule);
        Assert.Contains("package-lock.json:5", install.Evidence);

        // Control: versions and ranges only.
        var (_, _, plain) = await EnvHarness.RunAsync(new MemorySourceTree(("package.json", manifest), ("package-lock.json", tagged.Replace("\"cjs\"", "\"^2.6.7\"")), ("server.js", server)));
        Assert.Equal("npm ci", EnvHarness.App(plain, ".").Install.Value);
    }

    private const string HooksMain = """
        package main

        import (
        	"flag"
        	"fmt"
        	"log"
        	"net/http"
        )

        var (
        	port  = flag.Int("port", 9000, "port the server should serve hooks on")
        	hooks = flag.String("hooks", "", "path to the json file containing defined hooks")
        )

        func main() {
        	flag.Parse()
        	if *hooks == "" {
        		log.Fatalln("couldn't load any hooks from file!")
        	}
        	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {})
        	log.Fatal(http.ListenAndServe(fmt.Sprintf(":%d", *port), nil))
        }
        """;

    [Fact]
    public async Task GoServer_WhoseDocsPassAFileFlag_GetsTheSourcesExample_CopiedAndPassed()
    {
        MemorySourceTree Tree(bool example) => new([
            ("go.mod", "module example.com/hooker\n\ngo 1.19\n"), ("main.go", HooksMain),
            ("README.md", "# hooker\n\nRun it:\n\n```\n$ /path/to/hooker -hooks hooks.json -verbose\n```\n"),
            .. example ? new[] { ("hooks.json.example", "[{ \"id\": \"redeploy\", \"execute-command\": \"/bin/true\" }]\n") } : []]);

        var (_, artifacts, plan) = await EnvHarness.RunAsync(Tree(true));
        var start = EnvHarness.App(plan, ".").Start;
        Assert.Equal("/app/server -hooks /app/hooks.json.example", start.Value);
        Assert.Contains("start.config-flag: the docs run it with -hooks hooks.json (README.md:6)", start.Rule);
        Assert.Contains("main.go:12", start.Evidence);
        Assert.Contains("\nCOPY hooks.json.example /app/hooks.json.example\n", artifacts.Text(Assert.Single(artifacts.Files.Keys, k => k.EndsWith("/Dockerfile", StringComparison.Ordinal))));

        // Control: no such file in the source: the start stays, and the plan says what it may need.
        var (_, _, missing) = await EnvHarness.RunAsync(Tree(false));
        var bare = EnvHarness.App(missing, ".").Start;
        Assert.Equal("/app/server", bare.Value);
        Assert.Contains("start.needs-config: the docs run it with -hooks hooks.json (README.md:6)", bare.Rule);
    }
}
