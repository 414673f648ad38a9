namespace Noa.Stages.Env.Tests;

/// <summary>Configuration a library reads on the app's behalf: node-config's mapping file (redis-commander of the apps corpus reads
/// 28 variables that way, no process.env in sight) and Tornado's options.define (the apps corpus's Tornado blog and chat).</summary>
public sealed class ConfigLibraryRuleTests
{
    private const string PackageJson = """
        { "name": "admin", "version": "1.0.0", "main": "server.js", "scripts": { "start": "node server.js" },
          "dependencies": { "config": "^3.3.9", "express": "^4.19.2" } }
        """;

    private const string Server = """
        const config = require('config');
        const express = require('express');
        const app = express();
        app.get('/', (req, res) => res.send(config.get('ui.title')));
        app.listen(config.get('server.port'));
        console.log(process.env.NODE_ENV);
        """;

    private const string Mapping = """
        {
          "noSave": "NOSAVE",
          "server": {
            "port": "PORT",
            "httpAuth": { "password": "HTTP_PASSWORD" }
          },
          "redis": { "scanCount": { "__name": "SCAN_COUNT", "__format": "number" } }
        }
        """;

    [Fact]
    public async Task NodeConfigsMappingFile_NamesVariablesTheAppReads()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("package.json", PackageJson), ("server.js", Server), ("config/default.json", """{ "server": { "port": 8081 } }"""),
            ("config/custom-environment-variables.json", Mapping)));

        var app = EnvHarness.App(plan, ".");
        Assert.Equal(["HTTP_PASSWORD", "NODE_ENV", "NOSAVE", "PORT", "SCAN_COUNT"], app.Env.Select(v => v.Name));
        Assert.Equal(["config/custom-environment-variables.json:7"], app.Env.Single(v => v.Name == "SCAN_COUNT").Evidence);
        Assert.Equal(["config/custom-environment-variables.json:4"], app.Env.Single(v => v.Name == "PORT").Evidence);
        Assert.True(app.Env.Single(v => v.Name == "HTTP_PASSWORD").Secret);
    }

    [Fact]
    public async Task WithoutTheMappingFile_OnlyTheCodesOwnReads()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("package.json", PackageJson), ("server.js", Server), ("config/default.json", """{ "server": { "port": 8081 } }""")));

        Assert.Equal(["NODE_ENV"], EnvHarness.App(plan, ".").Env.Select(v => v.Name));
    }

    private const string Tornado = """
        import tornado.ioloop
        import tornado.web
        from tornado.options import define, options

        define("port", default=8888, help="run on the given port", type=int)
        define("db_port", default=5432, help="database port")


        class MainHandler(tornado.web.RequestHandler):
            def get(self):
                self.write("ok")


        def main():
            tornado.options.parse_command_line()
            app = tornado.web.Application([(r"/", MainHandler)])
            app.listen(options.port)
            tornado.ioloop.IOLoop.current().start()


        if __name__ == "__main__":
            main()
        """;

    [Fact]
    public async Task TornadosPortOption_IsThePort()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(("requirements.txt", "tornado\n"), ("app.py", Tornado)));

        var app = EnvHarness.App(plan, ".");
        Assert.Equal(("8888", "port.flag-default"), (app.Port.Value, app.Port.Rule));
        Assert.Contains("app.py:5", app.Port.Evidence);
    }

    [Theory]
    [InlineData("define(\"port\", default=8888, help=\"run on the given port\", type=int)\n", "8888")]
    [InlineData("define('port', default=9000)\n", "9000")]
    [InlineData("define(\"db_port\", default=5432, help=\"database port\")\n", null)]
    [InlineData("define(\"workers\", default=4)\n", null)]
    public void TornadoDefine_ReadsThePortOptionOnly(string line, string? expected) =>
        Assert.Equal(expected, Planning.PortRules.FlagDefaultPort(line));
}
