using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Noa.Abstractions.Env;
using Noa.Stages.Runner.Planning;
using Noa.Stages.Runner.Reporting;
using Noa.Stages.Runner.Smoke;
using Noa.Stages.Runner.Results;

namespace Noa.Stages.Runner.Tests;

/// <summary>
/// The service smoke script on its own, on this host (no capsule): what it is written from (env/plan.json's decisions, the
/// graph's endpoints), and what it does against Python's own <c>http.server</c>, a server nobody here wrote.
/// </summary>
public sealed class ServiceSmokeScriptTests
{
    private static Decision Is(string? value, string rule = "test") => value is null ? Decision.Undecided(rule) : new Decision(value, rule, 1, ["server.py:1"]);

    private static AppPlan App(string? start, string? port, string? health = null, string startRule = "start.procfile", IReadOnlyList<BackingStore>? stores = null) => new()
    {
        Name = "api", Root = ".", Kind = "service", Server = true, Toolchain = "python",
        Runtime = Is("3.11"), BuildImage = Is("python:3.11"), RunImage = Is("python:3.11-slim"), PackageManager = Is("pip"), Install = Is(null), Build = Is(null),
        Start = Is(start, startRule), Port = Is(port), Health = Is(health), Stores = stores ?? [],
    };

    [Theory]
    [InlineData(null, "8080", "start.none", "no start command known")]
    [InlineData("/app/server", "8080", "start.go-artefact", "runs the artefact the env image builds")]
    [InlineData("python3 server.py", null, "start.procfile", "no port known")]
    public void For_AnAppThisRunCannotStart_WritesNoScript_AndSaysWhy(string? start, string? port, string rule, string why)
    {
        var (file, notes) = ServiceSmoke.For(App(start, port, startRule: rule), [], 30);

        Assert.Null(file);
        Assert.Contains(why, Assert.Single(notes));
    }

    [Fact]
    public void For_CallsHealthFirst_FillsTypedParameters_AndNamesWhatItLeavesOut()
    {
        KgEndpoint E(string method, string path, params KgParameter[] p) => new(method, path, "server.py", 1, p);
        var app = App("python3 server.py", "8080", "/health", stores: [new BackingStore("postgres", "postgres:16", 5432, 1, ["db.py:3"])]);

        var (file, notes) = ServiceSmoke.For(app, [E("GET", "/b"), E("GET", "/health"), E("GET", "/items/{id}", new KgParameter("id", "int")),
            E("GET", "/users/{name}", new KgParameter("name", null)), E("POST", "/items")], 30);

        var calls = Config(file!.Content).GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("path").GetString()).ToList();
        Assert.Equal(["/health", "/b", "/items/1"], calls);
        Assert.Contains(notes, n => n.Contains("/users/{name}", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("1 endpoint(s) with other methods not called", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("postgres", StringComparison.Ordinal) && n.Contains("5xx count as failures", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Script_AgainstPythonsHttpServer_CountsAnswers_A404IsNoFailure_AndAPathNoUrlHoldsFailsAlone()
    {
        if (!(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "python3"))))
            Requirement.Unmet("python3 is not on PATH (apt-get install python3)");
        var port = FreePort();
        var folder = Directory.CreateTempSubdirectory("noa-service-smoke-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "hello.txt"), "hello from a file\n");
            var app = App($"python3 -m http.server {port} --bind 127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var (file, _) = ServiceSmoke.For(app, [new("GET", "/hello.txt", "x.py", 1, []), new("GET", "/missing", "x.py", 2, []), new("GET", "/sp ace", "x.py", 3, [])], 10);

            var (exit, output) = await RunAsync(folder, file!);

            Assert.Equal(1, exit);
            var tests = TextFormats.Tap(output).ToDictionary(t => t.Name, t => t.Status);
            Assert.Equal(TestCase.Passed, tests["GET /hello.txt"]);
            Assert.Equal(TestCase.Passed, tests["GET /missing"]); // a 404 is an answer: only 5xx and no answer fail
            Assert.Equal(TestCase.Failed, tests["GET /sp ace"]); // http.client refuses the URL; the script goes on
            var run = ServiceRun.Read(output, ServiceSmoke.Marker)!;
            Assert.True(run.Started);
            Assert.Equal(200, run.Live!.Status);
            Assert.Equal("hello from a file\n", run.Live.Body);
            Assert.Equal($"curl -sS -i -X GET http://127.0.0.1:{port}/hello.txt", run.Live.Curl);
            // The service is stopped with its process group: the port is free again.
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static JsonElement Config(string script)
    {
        var start = script.IndexOf("r\"\"\"", StringComparison.Ordinal) + 4;
        return JsonDocument.Parse(script[start..script.IndexOf("\"\"\"", start, StringComparison.Ordinal)]).RootElement.Clone();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int Exit, string Output)> RunAsync(string folder, SmokeFile file)
    {
        var path = Path.Combine(folder, SmokeWriter.Folder, file.Name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, file.Content);
        var info = new ProcessStartInfo("/bin/sh", ["-c", file.Command]) { WorkingDirectory = folder, RedirectStandardOutput = true };
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, output);
    }
}
