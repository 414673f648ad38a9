using Noa.Abstractions;
using Noa.Stages.Env.Planning;

namespace Noa.Stages.Env.Tests;

/// <summary>The apps corpus's Python servers: single-file apps with no manifest (Tornado's chat, Werkzeug's shortly), a server that
/// binds loopback, the server among a package's console scripts (nrpe-ng), and the import check of an image without a pip index.</summary>
public sealed class PythonServerRuleTests
{
    private static readonly PackageRegistry Apt = new("apt", new Uri("http://deb.debian.org/debian"), "/etc/apt/sources.list.d/debian.sources");

    private const string Chat = """
        import tornado.web
        from tornado.options import define, options, parse_command_line

        define("port", default=8888, help="run on the given port", type=int)


        def main():
            parse_command_line()
            app = tornado.web.Application([])
            app.listen(options.port)


        if __name__ == "__main__":
            main()
        """;

    private const string Shortly = """
        import redis
        from werkzeug.wrappers import Request


        def create_app():
            return None


        if __name__ == "__main__":
            from werkzeug.serving import run_simple

            app = create_app()
            run_simple("127.0.0.1", 5000, app, use_debugger=True)
        """;

    [Fact]
    public async Task SingleFileServer_WithNoManifest_RunsAsPython3File_OnItsPortOption_WithItsImportsCheckedInTheImage()
    {
        var (_, artifacts, plan) = await EnvHarness.RunAsync(new MemorySourceTree(("chatdemo.py", Chat), ("templates/index.html", "<html></html>\n")),
            options: new EnvOptions { Verify = false, Registries = [Apt] });

        var app = EnvHarness.App(plan, ".");
        Assert.True(app.Server);
        Assert.Matches(@"^python3? chatdemo\.py$", app.Start.Value);
        Assert.Equal(("8888", "port.flag-default"), (app.Port.Value, app.Port.Rule));
        Assert.DoesNotContain("bind.", app.Start.Rule, StringComparison.Ordinal);
        Assert.Equal(DebianPython.Rule, app.Install.Rule);
        var dockerfile = Dockerfile(artifacts);
        // No manifest: no requirements step, only the import check once the source is in the image (before USER: as root).
        Assert.DoesNotContain("debian_python.py --install", dockerfile);
        var check = dockerfile.IndexOf("RUN cd /tmp/noa-deps && apt-get update && /venv/bin/python debian_python.py --imports /app", StringComparison.Ordinal);
        Assert.InRange(check, dockerfile.IndexOf("COPY --from=build /src/ /app/", StringComparison.Ordinal), dockerfile.IndexOf("\nUSER ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequirementsThenImports_BothRunInTheRunStage()
    {
        var (_, artifacts, _) = await EnvHarness.RunAsync(new MemorySourceTree(("requirements.txt", "tornado\n"), ("blog.py", Chat)),
            options: new EnvOptions { Verify = false, Registries = [Apt] });

        var dockerfile = Dockerfile(artifacts);
        var install = dockerfile.IndexOf("python3 debian_python.py --install && rm -rf /var/lib/apt/lists/*\n", StringComparison.Ordinal);
        var imports = dockerfile.IndexOf("debian_python.py --imports /app && rm -rf /var/lib/apt/lists/* /tmp/noa-deps\n", StringComparison.Ordinal);
        Assert.True(install > 0 && imports > install, dockerfile);
    }

    [Fact]
    public async Task LoopbackLiteral_IsABlockerInTheStartDecision_WithItsLine()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(("shortly.py", Shortly)), options: new EnvOptions { Verify = false, Registries = [Apt] });

        var app = EnvHarness.App(plan, ".");
        Assert.Equal(("5000", "port.listen-literal"), (app.Port.Value, app.Port.Rule));
        Assert.Contains("bind.loopback-blocker: shortly.py:13 binds 127.0.0.1", app.Start.Rule, StringComparison.Ordinal);
        Assert.Contains("shortly.py:13", app.Start.Evidence);
        Assert.True(app.Start.Confidence <= 0.3);
    }

    [Fact]
    public async Task LoopbackHostOption_IsPassed0000()
    {
        const string Served = """
            import argparse
            from werkzeug.serving import run_simple

            if __name__ == "__main__":
                parser = argparse.ArgumentParser()
                parser.add_argument("--host", default="127.0.0.1")
                args = parser.parse_args()
                run_simple(args.host, 5000, None)
            """;
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(("serve.py", Served)), options: new EnvOptions { Verify = false, Registries = [Apt] });

        var app = EnvHarness.App(plan, ".");
        Assert.Matches(@"^python3? serve\.py --host=0\.0\.0\.0$", app.Start.Value);
        Assert.Contains("start.bind-all: --host defaults to 127.0.0.1", app.Start.Rule, StringComparison.Ordinal);
        Assert.Contains("serve.py:6", app.Start.Evidence);
    }

    internal const string SetupPy = """
        from setuptools import setup

        setup(
            name="probe",
            packages=["probe", "probe.server"],
            entry_points={
                "console_scripts": [
                    "check_probe = probe.client:main",
                    "probed = probe.server:main",
                ],
            },
        )
        """;

    [Fact]
    public async Task ConsoleScripts_TheEntryWhoseModuleServesRuns_AndTheClientIsListedWithWhyNot()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(("setup.py", SetupPy),
            ("probe/__init__.py", ""),
            ("probe/defaults.py", "PORT = 59546\n"),
            ("probe/client.py", "import argparse\nimport requests\n\n\ndef main():\n    argparse.ArgumentParser().parse_args()\n    requests.get('https://x')\n\n\nif __name__ == \"__main__\":\n    main()\n"),
            ("probe/server/__init__.py", "from .server import Server\n\n\ndef main():\n    return Server().run()\n"),
            ("probe/server/__main__.py", "from .server import Server\n\nif __name__ == \"__main__\":\n    Server().run()\n"),
            ("probe/server/server.py", "import argparse\nfrom tornado.httpserver import HTTPServer\n\n\nclass Server:\n    def run(self):\n        argparse.ArgumentParser().parse_args()\n        httpd = HTTPServer(None)\n")),
            options: new EnvOptions { Verify = false, Registries = [Apt] });

        var app = EnvHarness.App(plan, ".");
        Assert.True(app.Server);
        Assert.Equal("python3 -m probe.server", app.Start.Value);
        Assert.StartsWith("start.python-server-entry: probed (console-script) starts the server (probe/server/server.py:8)", app.Start.Rule, StringComparison.Ordinal);
        Assert.Contains("check_probe (probe/client.py): no server", app.Start.Rule, StringComparison.Ordinal);
        Assert.Equal(("59546", "port.default-constant"), (app.Port.Value, app.Port.Rule));
    }

    [Fact]
    public async Task ConsoleScripts_NoneServes_Control()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(("setup.py", SetupPy),
            ("probe/__init__.py", ""),
            ("probe/client.py", "import argparse\n\n\ndef main():\n    argparse.ArgumentParser().parse_args()\n\n\nif __name__ == \"__main__\":\n    main()\n"),
            ("probe/server/__init__.py", "def main():\n    print('no server here')\n")),
            options: new EnvOptions { Verify = false, Registries = [Apt] });

        var app = EnvHarness.App(plan, ".");
        Assert.False(app.Server);
        Assert.DoesNotContain("python-server-entry", app.Start.Rule, StringComparison.Ordinal);
    }

    private static string Dockerfile(MemoryArtifacts artifacts) => artifacts.Text(Assert.Single(artifacts.Files.Keys, k => k.EndsWith("/Dockerfile", StringComparison.Ordinal)));
}
