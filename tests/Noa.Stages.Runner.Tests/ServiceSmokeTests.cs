using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Stages.Runner.Tests;

/// <summary>
/// A real service (the standard library's HTTP server behind a Flask-style decorator router, so the graph finds its routes as it
/// finds Flask's) digested by the real Classifier, Graph and Env stages, then started by the Runner in a real capsule.
/// </summary>
public sealed class ServiceSmokeTests : IAsyncLifetime
{
    private RunnerPipeline _pipeline = null!;

    public ValueTask InitializeAsync()
    {
        _pipeline = new RunnerPipeline();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _pipeline.DisposeAsync();

    // main: what the service does when started (serves, hangs before listening, or exits).
    private static (string, string)[] Service(string main) =>
    [
        ("pyproject.toml", "[project]\nname = \"inventory\"\nversion = \"0.1.0\"\n"),
        ("Procfile", "web: python3 server.py\n"),
        ("server.py", $$"""
            import json
            import os
            import re
            import sys
            import time
            from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

            PORT = int(os.environ.get("PORT", "8080"))
            ROUTES = []


            class App:
                def route(self, path, methods=("GET",)):
                    pattern = re.compile("^" + re.sub(r"<(?:int:)?(\w+)>", r"(?P<\1>[^/]+)", path) + "$")

                    def register(handler):
                        ROUTES.append((methods, pattern, handler))
                        return handler
                    return register


            app = App()


            @app.route("/health")
            def health():
                return 200, {"status": "ok"}


            @app.route("/")
            def index():
                return 200, {"service": "inventory"}


            @app.route("/boom")
            def boom():
                raise RuntimeError("deliberately broken")


            @app.route("/items/<int:item_id>")
            def item(item_id: int):
                return 200, {"id": int(item_id)}


            @app.route("/items", methods=["POST"])
            def create():
                return 201, {}


            class Handler(BaseHTTPRequestHandler):
                def do_GET(self):
                    for methods, pattern, handler in ROUTES:
                        m = pattern.match(self.path)
                        if m and self.command in methods:
                            try:
                                status, body = handler(**m.groupdict())
                            except Exception as e:
                                status, body = 500, {"error": str(e)}
                            break
                    else:
                        status, body = 404, {"error": "not found"}
                    data = json.dumps(body).encode()
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)


            if __name__ == "__main__":
            {{main}}
            """),
    ];

    private const string Serves = "    ThreadingHTTPServer((\"0.0.0.0\", PORT), Handler).serve_forever()";

    private static Dictionary<string, string?> Tests(JsonElement report) =>
        report.GetProperty("tests").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("status").GetString());

    private static JsonElement Smoke(JsonElement report) =>
        report.GetProperty("steps").EnumerateArray().Single(s => s.TryGetProperty("service", out _));

    [Fact]
    public async Task Service_IsStarted_ItsEndpointsCalled_TheBrokenOneFails_AndDemoShowsALiveCall()
    {
        var folder = _pipeline.Folder(Service(Serves));

        var (outcome, report, artifacts) = await _pipeline.RunAsync(folder, o => o.InstallPolicy = "none", env: true);

        Assert.Equal(StageStatus.Succeeded, outcome.Status);
        var step = Smoke(report);
        var service = step.GetProperty("service");
        Assert.True(service.GetProperty("started").GetBoolean(), step.ToString());
        Assert.Equal("python3 server.py", service.GetProperty("start").GetString());
        Assert.Equal(8080, service.GetProperty("port").GetInt32());
        var tests = Tests(report);
        Assert.Equal("passed", tests["start `python3 server.py`"]);
        Assert.Equal("passed", tests["GET /health"]);
        Assert.Equal("passed", tests["GET /"]);
        Assert.Equal("passed", tests["GET /items/{item_id} as /items/1"]);
        // The control: the endpoint that raises answers 500 and is reported failed, on the run and its rerun.
        Assert.Equal("failed", tests["GET /boom"]);
        Assert.Equal("failed", step.GetProperty("status").GetString());
        Assert.Equal(1, service.GetProperty("failed").GetInt32());
        Assert.DoesNotContain(tests.Keys, k => k.Contains("POST", StringComparison.Ordinal));
        Assert.Contains(report.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("other methods not called", StringComparison.Ordinal));
        Assert.Contains("runner/smoke/smoke_service.py", artifacts.Files.Keys);

        var demo = artifacts.Text("demo.md");
        Assert.Contains("```sh\npython3 server.py\n```", demo);
        Assert.Contains("curl -sS -i -X GET http://127.0.0.1:8080/health", demo);
        Assert.Contains("HTTP 200\n{\"status\": \"ok\"}", demo); // what the handler returns, as json.dumps writes it
    }

    [Theory]
    [InlineData("    time.sleep(3600)", "port 8080 was not open after 3 s")]
    [InlineData("    sys.exit(\"DATABASE_URL is not set\")", "the service ended (exit 1) before it opened port 8080")]
    public async Task ServiceThatNeverListens_IsReportedWithTheReason_AndItsEndpointsNotCalled(string main, string reason)
    {
        var folder = _pipeline.Folder(Service(main + "\n" + Serves));

        var started = DateTime.UtcNow;
        var (_, report, artifacts) = await _pipeline.RunAsync(folder, o => { o.InstallPolicy = "none"; o.ServiceWaitSeconds = 3; o.StepSeconds = 60; }, env: true);

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(90), $"took {DateTime.UtcNow - started}");
        var step = Smoke(report);
        var service = step.GetProperty("service");
        Assert.False(service.GetProperty("started").GetBoolean());
        Assert.StartsWith(reason, service.GetProperty("reason").GetString());
        Assert.Equal(0, service.GetProperty("called").GetInt32());
        var tests = Tests(report);
        Assert.Equal("failed", tests["start `python3 server.py`"]);
        Assert.Equal("skipped", tests["GET /health"]);
        Assert.Contains(reason, artifacts.Text("demo.md"));
        if (main.Contains("DATABASE_URL", StringComparison.Ordinal))
            Assert.Contains(service.GetProperty("log").EnumerateArray(), l => l.GetString() == "DATABASE_URL is not set");
    }

    [Fact]
    public async Task Service_WithoutAnEnvPlan_IsNotStarted_AndTheNoteSaysNoStartCommandIsKnown()
    {
        var folder = _pipeline.Folder(Service(Serves));

        var (_, report, artifacts) = await _pipeline.RunAsync(folder, o => o.InstallPolicy = "none", env: false);

        Assert.DoesNotContain(report.GetProperty("steps").EnumerateArray(), s => s.TryGetProperty("service", out _));
        Assert.Contains(report.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("no start command known", StringComparison.Ordinal));
        Assert.DoesNotContain("runner/smoke/smoke_service.py", artifacts.Files.Keys);
    }
}
