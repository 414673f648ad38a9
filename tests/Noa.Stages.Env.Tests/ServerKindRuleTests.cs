using Noa.Abstractions;

namespace Noa.Stages.Env.Tests;

/// <summary>What the servers published on npm and Debian (bench/env's `apps` corpus) showed the plan getting wrong: a package with a
/// <c>main</c> whose Procfile or entry file says it serves was planned as a library that runs its tests, and a Go server whose port
/// is a flag's default had no port. Each rule beside a control that keeps its old answer.</summary>
public sealed class ServerKindRuleTests
{
    private const string PackageJson = """
        {
          "name": "proxy",
          "version": "1.0.0",
          "main": "./lib/proxy.js",
          "dependencies": { "http-proxy": "1.18.1" },
          "scripts": { "test": "mocha test/*.js" }
        }
        """;

    private const string Library = """
        var http = require('http');
        exports.createServer = function (options) {
          var server = http.createServer(function (req, res) { res.end('ok'); });
          return server;
        };
        """;

    // cors-anywhere's server.js, in short: the package's main is the library, the server is a file beside it.
    private const string Server = """
        var host = process.env.HOST || '0.0.0.0';
        var port = process.env.PORT || 8080;
        require('./lib/proxy').createServer({}).listen(port, host, function () {
          console.log('Running on ' + host + ':' + port);
        });
        """;

    [Fact]
    public async Task PackageWithAMain_AndAProcfileWebProcess_IsAServer_StartedByTheProcfile()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("package.json", PackageJson), ("lib/proxy.js", Library), ("Procfile", "web: node server.js\n"), ("test/proxy.js", "it('x', () => {});\n")));

        var app = EnvHarness.App(plan, ".");
        Assert.True(app.Server, $"{app.Kind}: {app.Start.Rule}");
        Assert.Equal("node server.js", app.Start.Value);
    }

    [Fact]
    public async Task PackageWithAMain_AndAFileThatListensOnAPort_IsAServer_OnThatPort()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("package.json", PackageJson), ("lib/proxy.js", Library), ("server.js", Server), ("test/proxy.js", "it('x', () => {});\n")));

        var app = EnvHarness.App(plan, ".");
        Assert.True(app.Server, $"{app.Kind}: {app.Start.Rule}");
        Assert.Equal("8080", app.Port.Value);
    }

    [Theory]
    [InlineData("transport", false)]
    [InlineData("config.httpPort", true)]
    public async Task PackageWithAMain_WhoseListenTakesATransport_StaysALibrary_AndAPortNameServes(string argument, bool server)
    {
        // A message library's `bus.listen(transport)` is no port; `listen(config.httpPort)` is one.
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("package.json", PackageJson),
            ("lib/proxy.js", Library + $"exports.attach = function (bus, transport, config) {{\n  return bus.listen({argument});\n}};\n"),
            ("test/proxy.js", "it('x', () => {});\n")));

        Assert.Equal(server, EnvHarness.App(plan, ".").Server);
    }

    [Fact]
    public async Task PackageWithAMain_WhoseListenPassesItsCallersArguments_StaysALibrary_Control()
    {
        // express's own application.listen: `server.listen.apply(server, arguments)` serves whoever calls it.
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("package.json", PackageJson),
            ("lib/proxy.js", Library + "exports.listen = function () {\n  var server = http.createServer(this);\n  return server.listen.apply(server, arguments);\n};\n" +
                "exports.start = function (...args) { return http.createServer().listen(...args); };\n"),
            ("test/proxy.js", "it('x', () => {});\n")));

        var app = EnvHarness.App(plan, ".");
        Assert.Equal("library", app.Kind);
        Assert.False(app.Server);
    }

    [Fact]
    public async Task GoServer_WhosePortIsAFlagDefault_ListensThere()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("go.mod", "module example.com/hooks\n\ngo 1.19\n\nrequire github.com/gorilla/mux v1.8.0\n"),
            ("main.go", """
                package main

                import (
                	"flag"
                	"fmt"
                	"net/http"

                	"github.com/gorilla/mux"
                )

                var (
                	ip   = flag.String("ip", "0.0.0.0", "ip to serve on")
                	port = flag.Int("port", 9000, "port to serve on")
                )

                func main() {
                	flag.Parse()
                	r := mux.NewRouter()
                	r.HandleFunc("/hooks/{id}", func(w http.ResponseWriter, r *http.Request) {})
                	http.ListenAndServe(fmt.Sprintf("%s:%d", *ip, *port), r)
                }
                """)));

        var app = EnvHarness.App(plan, ".");
        Assert.Equal(("9000", "port.flag-default"), (app.Port.Value, app.Port.Rule));
        Assert.Contains("main.go:13", app.Port.Evidence);
    }

    [Theory]
    [InlineData("parser.add_argument(\"--port\", type=int, default=8000, help=\"port\")\n", "8000")]
    [InlineData("@click.option(\"-p\", \"--port\", default=5050, show_default=True)\n", "5050")]
    [InlineData("program.option('-p, --port <number>', 'port to listen on', 4000);\n", "4000")]
    [InlineData("addr := flag.String(\"addr\", \"localhost:8081\", \"http service address\")\n", "8081")]
    [InlineData("flag.IntVar(&cfg.Port, \"port\", 7070, \"port\")\n", "7070")]
    [InlineData("parser.add_argument(\"--workers\", type=int, default=4)\n", null)]
    [InlineData("port = flag.Int(\"port\", defaultPort, \"port\")\n", null)]
    public void FlagDefault_ReadsThePortFlagOnly(string line, string? expected)
    {
        var match = Planning.PortRules.FlagDefaultPort(line);
        Assert.Equal(expected, match);
    }

    [Fact]
    public async Task VariablesTheSystemSetsForEveryProcess_AreNotTheAppsConfiguration_ItsOwnAre()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("package.json", PackageJson), ("lib/proxy.js", Library), ("server.js", Server + """
                var path = require('path');
                var dir = process.env.CONFIG_DIR || path.join(process.env.HOME || process.env.USERPROFILE, '.proxy');
                """)));

        var names = EnvHarness.App(plan, ".").Env.Select(v => v.Name).ToArray();
        Assert.Equal(["CONFIG_DIR", "HOST", "PORT"], names.Order(StringComparer.Ordinal));
    }
}
