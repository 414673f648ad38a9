using Noa.Abstractions;

namespace Noa.Stages.Env.Tests;

/// <summary>What the apps corpus's Node servers showed (docs/benchmarks.md): verdaccio and json-server listen on loopback unless told
/// (a bind option with a localhost default); json-server and maildev are published packages whose own scripts and devDependencies
/// need sources they do not ship; maildev reads its variables through an options table and serves HTTP beside SMTP — each beside
/// a control.</summary>
public sealed class NodeServerRuleTests
{
    private const string Lock = """{ "name": "s", "lockfileVersion": 3, "packages": { "": { "dependencies": { "express": "4.19.2" } } } }""";

    private static MemorySourceTree Server(string cli, params (string Path, string Text)[] more) => new(
        [("package.json", """{ "name": "srv", "version": "1.0.0", "main": "lib/server.js", "bin": { "srv": "./bin/srv.js" }, "scripts": { "start": "node ./bin/srv.js" }, "dependencies": { "express": "^4.19.2" } }"""),
         ("package-lock.json", Lock), (".gitignore", "node_modules\n"),
         ("bin/srv.js", "#!/usr/bin/env node\nrequire('../lib/cli.js')();\n"),
         ("lib/cli.js", cli),
         ("lib/server.js", "const express = require('express');\nmodule.exports = (port, host) => express().listen(port, host);\n"), .. more]);

    // clipanion, as verdaccio declares it: the default is in the description, host:port.
    private const string ListenOption = """
        const { Command, Option } = require('clipanion');
        class Init extends Command {
          listen = Option.String('-l,--listen', {
            description: 'host:port number to listen on (default: localhost:4873)'
          });
          execute() { require('./server.js')(4873, 'localhost'); }
        }
        module.exports = () => new Init().execute();
        """;

    // yargs, as json-server declares it.
    private const string HostOption = """
        const yargs = require('yargs');
        module.exports = function () {
          const argv = yargs.options({
            port: { alias: 'p', description: 'Set port', default: 3000 },
            host: { alias: 'H', description: 'Set host', default: 'localhost' }
          }).argv;
          require('./server.js')(argv.port, argv.host);
        };
        """;

    [Fact]
    public async Task NodeServer_WhoseListenOptionDefaultsToLoopback_IsStartedOnAllInterfaces()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(Server(ListenOption));
        var app = EnvHarness.App(plan, ".");
        Assert.Equal($"npm start -- --listen 0.0.0.0:{app.Port.Value}", app.Start.Value);
        Assert.Contains("start.bind-all: --listen defaults to localhost:4873", app.Start.Rule);
        Assert.Contains("lib/cli.js:3", app.Start.Evidence);

        var (_, _, yargs) = await EnvHarness.RunAsync(Server(HostOption));
        var json = EnvHarness.App(yargs, ".");
        Assert.Equal(("3000", "npm start -- --host 0.0.0.0"), (json.Port.Value, json.Start.Value));
        Assert.Contains("lib/cli.js:5", json.Start.Evidence);
    }

    [Fact]
    public async Task NodeServer_WithNoBindOption_OrOneBindingAllInterfaces_IsLeftAlone()
    {
        var (_, _, none) = await EnvHarness.RunAsync(Server(HostOption.Replace("host: { alias: 'H', description: 'Set host', default: 'localhost' }", "quiet: { alias: 'q', default: false }")));
        Assert.Equal("npm start", EnvHarness.App(none, ".").Start.Value);

        var (_, _, all) = await EnvHarness.RunAsync(Server(HostOption.Replace("default: 'localhost'", "default: '0.0.0.0'")));
        Assert.Equal("npm start", EnvHarness.App(all, ".").Start.Value);

        // A client's option that names a remote host (--redis-host localhost) is not how the server binds.
        var (_, _, client) = await EnvHarness.RunAsync(Server(HostOption.Replace("host: { alias: 'H', description: 'Set host', default: 'localhost' }", "'redis-host': { default: 'localhost' }")
            + "\nprogram.option('--redis-host <host>', 'redis host', 'localhost');\n"));
        Assert.Equal("npm start", EnvHarness.App(client, ".").Start.Value);
    }

    // json-server as npm serves it: lib/ built from src/, which stays in its repository.
    private static MemorySourceTree Published(bool shipped) => new(
        [("package.json", """
            { "name": "fake-api", "version": "0.17.4", "main": "./lib/server/index.js", "bin": "./lib/cli/bin.js", "files": ["lib"],
              "scripts": { "prepare": "husky install", "start": "babel-node -- src/cli/bin db.json", "build": "babel src -d lib", "prepublish": "npm test && npm run build" },
              "dependencies": { "express": "^4.19.2" }, "devDependencies": { "@babel/node": "^7.12.6", "husky": "^6.0.0" } }
            """),
         ("package-lock.json", Lock),
         ("lib/cli/bin.js", "#!/usr/bin/env node\nrequire('../server/index.js')(process.env.PORT || 3000);\n"),
         ("lib/server/index.js", "const express = require('express');\nmodule.exports = (port) => express().listen(port, '0.0.0.0');\n"),
         .. shipped ? Array.Empty<(string, string)>() : [(".gitignore", "node_modules\nlib\n"), ("src/cli/bin.js", "import '../server'\n"), ("src/server/index.js", "export default 1\n")]]);

    [Fact]
    public async Task PublishedPackage_InstallsItsDependenciesOnly_WithoutItsOwnScripts_AndStartsItsBin()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(Published(shipped: true));
        var app = EnvHarness.App(plan, ".");
        Assert.Equal("npm pkg delete scripts.prepublish scripts.prepare && npm ci --omit=dev", app.Install.Value);
        Assert.Contains("install.published", app.Install.Rule);
        Assert.Contains("src/cli/bin", app.Install.Rule);
        Assert.Null(app.Build.Value);
        Assert.Equal("node lib/cli/bin.js", app.Start.Value);
        Assert.Contains("start.published-bin", app.Start.Rule);

        // Control: the same package as its repository holds it (.gitignore, src/): installed, built and started as it says.
        var (_, _, repo) = await EnvHarness.RunAsync(Published(shipped: false));
        var source = EnvHarness.App(repo, ".");
        Assert.Equal("npm ci", source.Install.Value);
        Assert.Equal("npm run build", source.Build.Value);
        Assert.DoesNotContain("published", source.Start.Rule);
    }

    // maildev's options table: flag, variable, description, default.
    private const string Options = """
        module.exports.options = [
          ['-s, --smtp <port>', 'MAILDEV_SMTP_PORT', 'SMTP port to catch emails', '1025'],
          ['-w, --web <port>', 'MAILDEV_WEB_PORT', 'Port to run the Web GUI', '1080'],
          ['--mail-directory <path>', 'MAILDEV_MAIL_DIRECTORY', 'Directory for persisting mails'],
          ['--verbose']
        ]
        module.exports.appendOptions = function (program, options) {
          return options.reduce(function (chain, option) {
            const envVariable = option[1]
            return chain.option(option[0], option[2], process.env[envVariable] || option[3])
          }, program)
        }
        """;

    [Fact]
    public async Task VariablesReadThroughATable_AreListed_AndTheHttpPortIsTheWebOnesNotSmtps()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(Server("module.exports = () => require('./server.js')(1080);\n", ("lib/options.js", Options),
            ("lib/smtp.js", "const defaultPort = 1025\nmodule.exports = () => require('net').createServer().listen(defaultPort, '0.0.0.0')\n")));
        var app = EnvHarness.App(plan, ".");
        Assert.Equal(["MAILDEV_MAIL_DIRECTORY", "MAILDEV_SMTP_PORT", "MAILDEV_WEB_PORT"], app.Env.Select(v => v.Name));
        Assert.Equal(["lib/options.js:3"], app.Env.Single(v => v.Name == "MAILDEV_WEB_PORT").Evidence);
        Assert.Equal("1080", app.Env.Single(v => v.Name == "MAILDEV_WEB_PORT").Default);
        Assert.Null(app.Env.Single(v => v.Name == "MAILDEV_MAIL_DIRECTORY").Default);
        Assert.Equal(("1080", "port.env-default"), (app.Port.Value, app.Port.Rule));

        // Control: the same upper-case literals where no process.env[name] reads them are no variables.
        var (_, _, constants) = await EnvHarness.RunAsync(Server("module.exports = () => require('./server.js')(1080);\n",
            ("lib/options.js", Options.Replace("process.env[envVariable] || ", ""))));
        Assert.Empty(EnvHarness.App(constants, ".").Env);
    }
}
