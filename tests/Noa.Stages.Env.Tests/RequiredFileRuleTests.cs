using Noa.Abstractions;

namespace Noa.Stages.Env.Tests;

/// <summary>A server whose code refuses to start without a file argument (the apps corpus: json-server's yargs <c>&lt;source&gt;</c>,
/// <c>lib/cli/index.js</c>; nrpe-ng's argparse <c>-c/--config</c> with <c>required=True</c>, <c>nrpe_ng/server/server.py:57</c>): the
/// file the docs run it with, the source's config file named after the program, or the content the docs give it, passed — each
/// beside a control the rule leaves alone.</summary>
public sealed class RequiredFileRuleTests
{
    private const string Lock = """{ "name": "s", "lockfileVersion": 3, "packages": { "": { "dependencies": { "express": "4.19.2" } } } }""";

    // yargs, as json-server 0.17.4's lib/cli/index.js declares it.
    private const string Cli = """
        const yargs = require('yargs');
        const run = require('./run');
        module.exports = function () {
          const argv = yargs.usage('$0 [options] <source>').options({
            port: { alias: 'p', description: 'Set port', default: 3000 },
            watch: { alias: 'w', description: 'Watch file(s)' }
          }).boolean('watch').example('$0 db.json', '').require(1, 'Missing <source> argument').argv;
          run(argv);
        };
        """;

    // json-server's README: the file's content in the block after the line naming it, then the command that passes it.
    private const string Readme = """
        # Fake API

        ## Getting started

        Create a `db.json` file with some data

        ```json
        {
          "posts": [
            { "id": 1, "title": "json-server", "author": "typicode" }
          ]
        }
        ```

        Start the server

        ```bash
        fake-api --watch db.json
        ```
        """;

    // Published as json-server is: its start script runs src/, which the package does not ship, so its bin starts.
    private static MemorySourceTree Node(string cli, string readme) => new(
        ("package.json", """{ "name": "fake-api", "version": "1.0.0", "bin": "./lib/cli/bin.js", "scripts": { "start": "babel-node -- src/cli/bin db.json" }, "dependencies": { "express": "^4.19.2" } }"""),
        ("package-lock.json", Lock), ("README.md", readme),
        ("lib/cli/bin.js", "#!/usr/bin/env node\nrequire('./index')();\n"),
        ("lib/cli/index.js", cli),
        ("lib/cli/run.js", "const express = require('express');\nmodule.exports = (argv) => express().listen(argv.port, '0.0.0.0');\n"));

    [Fact]
    public async Task NodeServer_RequiringASource_TheDocsGiveTheContentOf_GetsItWrittenAndPassed()
    {
        var (_, artifacts, plan) = await EnvHarness.RunAsync(Node(Cli, Readme));

        var app = EnvHarness.App(plan, ".");
        Assert.Equal("node lib/cli/bin.js db.json", app.Start.Value);
        Assert.Contains("start.required-file: its code requires <source> (lib/cli/index.js:4)", app.Start.Rule, StringComparison.Ordinal);
        Assert.Contains("README.md:18", app.Start.Evidence);
        Assert.Contains("README.md:8", app.Start.Evidence);
        var written = artifacts.Text("env/apps/fake-api/db.json");
        Assert.StartsWith("{\n  \"posts\": [", written, StringComparison.Ordinal);
        Assert.Contains("env/apps/fake-api/db.json", app.Files);
        var dockerfile = artifacts.Text("env/apps/fake-api/Dockerfile");
        Assert.Contains("COPY env/apps/fake-api/db.json /app/db.json\n", dockerfile, StringComparison.Ordinal);
        Assert.True(dockerfile.IndexOf("COPY env/apps/fake-api/db.json", StringComparison.Ordinal) < dockerfile.IndexOf("USER ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NodeServer_RequiringASource_TheDocsDoNotGive_SaysSo_AndPassesNothing()
    {
        var (_, artifacts, plan) = await EnvHarness.RunAsync(Node(Cli, Readme.Replace("Create a `db.json` file with some data", "Bring your own data", StringComparison.Ordinal)));

        var app = EnvHarness.App(plan, ".");
        Assert.Equal("node lib/cli/bin.js", app.Start.Value);
        Assert.Contains("start.needs-file: its code requires <source> (lib/cli/index.js:4)", app.Start.Rule, StringComparison.Ordinal);
        Assert.Contains("no db.json nor its example, nor do the docs show its content", app.Start.Rule, StringComparison.Ordinal);
        Assert.DoesNotContain(artifacts.Files.Keys, k => k.EndsWith("db.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NodeServer_WhoseSourceIsOptional_IsLeftAlone_Control()
    {
        var (_, artifacts, plan) = await EnvHarness.RunAsync(Node(Cli.Replace(".require(1, 'Missing <source> argument')", "", StringComparison.Ordinal), Readme));

        var app = EnvHarness.App(plan, ".");
        Assert.Equal("node lib/cli/bin.js", app.Start.Value);
        Assert.DoesNotContain("file", app.Start.Rule, StringComparison.Ordinal);
        Assert.DoesNotContain(artifacts.Files.Keys, k => k.EndsWith("db.json", StringComparison.Ordinal));
    }

    private const string SetupPy = PythonServerRuleTests.SetupPy;

    // nrpe-ng's server.py, cut down: a required -c/--config.
    private const string Server = """
        import argparse
        from tornado.httpserver import HTTPServer


        class Server:
            def __init__(self):
                parser = argparse.ArgumentParser()
                parser.add_argument('-c', '--config', dest='config_file',
                                    required=True,
                                    help='use the given configuration file')
                self.argparser = parser

            def run(self):
                self.args = self.argparser.parse_args()
                httpd = HTTPServer(None)
        """;

    private static MemorySourceTree Python(string server) => new(("setup.py", SetupPy),
        ("probe/__init__.py", ""),
        ("probe/defaults.py", "PORT = 59546\n"),
        ("probe/client.py", "import argparse\nimport requests\n\n\ndef main():\n    argparse.ArgumentParser().parse_args()\n    requests.get('https://x')\n\n\nif __name__ == \"__main__\":\n    main()\n"),
        ("probe/server/__init__.py", "from .server import Server\n\n\ndef main():\n    return Server().run()\n"),
        ("probe/server/__main__.py", "from .server import Server\n\nif __name__ == \"__main__\":\n    Server().run()\n"),
        ("probe/server/server.py", server),
        ("config/check_probe.cfg", "port=59546\n"),
        ("config/probed.cfg", "# the daemon's settings\nserver_port=59546\nssl_cert_file=/etc/ssl/certs/probe.pem\n# ssl_ca_file=/etc/ssl/ca.pem\npid_file=/run/probe/probed.pid\n"));

    [Fact]
    public async Task PythonServer_RequiringAConfigFlag_GetsTheSourcesConfigNamedAfterTheProgram_AndTheAbsolutePathsItNamesListed()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(Python(Server), options: new EnvOptions { Verify = false, Registries = [] });

        var app = EnvHarness.App(plan, ".");
        Assert.Equal("python3 -m probe.server --config config/probed.cfg", app.Start.Value);
        Assert.Contains("start.required-file: its code requires --config (probe/server/server.py:8): the source's config/probed.cfg, a config file named after the program, passed",
            app.Start.Rule, StringComparison.Ordinal);
        // The commented line and /run (a tmpfs in a container) are not listed.
        Assert.Contains("it names absolute paths the image does not hold (/etc/ssl/certs/probe.pem)", app.Start.Rule, StringComparison.Ordinal);
        Assert.Contains("config/probed.cfg", app.Start.Evidence);
    }

    [Fact]
    public async Task PythonServer_WhoseConfigFlagIsOptional_IsLeftAlone_Control()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(Python(Server.Replace("required=True,", "", StringComparison.Ordinal)), options: new EnvOptions { Verify = false, Registries = [] });

        var app = EnvHarness.App(plan, ".");
        Assert.Equal("python3 -m probe.server", app.Start.Value);
        Assert.DoesNotContain("file", app.Start.Rule, StringComparison.Ordinal);
    }
}
