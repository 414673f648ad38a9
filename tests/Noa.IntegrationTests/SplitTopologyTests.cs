using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Noa.Abstractions;

namespace Noa.IntegrationTests;

/// <summary>
/// The same digest on Redis (or NATS) + Postgres + S3, once with <c>noa serve --target all</c> in one process, once split: a
/// gateway (<c>--target gateway</c>, which takes the <c>POST /digest</c>), an orchestrator (<c>--target workflows</c>, the run
/// scheduler and the engine dispatching activities on task queues) and separate intake and classifier worker processes.
/// The split processes export their spans over OTLP to a receiver in the test, which finds one trace from the gateway's
/// request to every worker's execution.
/// </summary>
[Collection(ServerStackCollection.Name)]
public sealed class SplitTopologyTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> BusDispatch = new() { ["Noa__Workflows__Dispatch"] = "bus" };

    // Every chunk embedded (the tests' default budget is 300), so the second digest has nothing left to embed.
    private static readonly Dictionary<string, string> Unlimited = new() { ["Noa__Embeddings__MaxChunks"] = "0" };

    [Theory]
    [InlineData("redis", 11)]
    [InlineData("nats", 13)]
    public async Task Digest_AllInOneProcessAndSplitAcrossProcesses_ProduceTheSameProfile(string bus, int redisDatabase)
    {
        await using var stack = await ServerStack.StartAsync(output, redisDatabase, bus);
        if (stack is null) return;
        var source = SourceTrees.Mixed(stack.Temp.Combine("src"), 200);

        var all = stack.Serve("all", "all", Unlimited);
        var single = await stack.WaitForEndAsync(await stack.QueueRunAsync(source), TimeSpan.FromMinutes(3), all);
        Assert.True(single.State == RunState.Succeeded, $"{single.State}: {single.Reason}\n{stack.Logs()}");
        all.Kill(entireProcessTree: true);
        await all.WaitForExitAsync();

        // The split processes export their spans over OTLP to this test, as they would to a collector.
        await using var otlp = await OtlpReceiver.StartAsync();
        foreach (var (name, value) in otlp.Environment)
            stack.Environment[name] = value;
        var key = $"noa_it_{Guid.NewGuid():N}{Guid.NewGuid():N}";
        var port = FreePort();
        var gateway = stack.Serve("gateway", "gateway", new Dictionary<string, string>
        {
            ["Noa__Gateway__AllowLocalSources"] = "true",
            ["Noa__Gateway__BootstrapKeyFile"] = stack.Temp.Write("bootstrap-key", key),
        }, $"http://127.0.0.1:{port}");
        var orchestrator = stack.Serve("workflows", "workflows", BusDispatch);
        var intake = stack.Serve("intake", "intake", BusDispatch);
        var classifier = stack.Serve("classifier", "classifier", BusDispatch);
        var graph = stack.Serve("graph", "graph", BusDispatch);
        var safety = stack.Serve("safety", "safety", BusDispatch);
        var embeddings = stack.Serve("embeddings", "embeddings", new Dictionary<string, string>(BusDispatch.Concat(Unlimited)));
        var integrator = stack.Serve("integrator", "integrator", BusDispatch);
        var env = stack.Serve("env", "env", BusDispatch);
        var runner = stack.Serve("runner", "runner", BusDispatch);
        var registrar = stack.Serve("registrar", "registrar", BusDispatch);
        var runId = await PostDigestAsync(stack, port, key, source, gateway);
        // Eleven processes on the machine's cores, each exporting its telemetry: more time than the single process needs.
        var split = await stack.WaitForEndAsync(runId, TimeSpan.FromMinutes(5), gateway, orchestrator, intake, classifier, graph, safety, embeddings, integrator, env, runner, registrar);

        Assert.True(split.State == RunState.Succeeded, $"{split.State}: {split.Reason}\n{stack.Logs()}");
        Assert.Equal(await stack.ReadArtifactAsync(single.RunId, "profile.json"), await stack.ReadArtifactAsync(split.RunId, "profile.json"));
        Assert.Equal(await stack.ReadArtifactAsync(single.RunId, "kg.json"), await stack.ReadArtifactAsync(split.RunId, "kg.json"));
        var attempts = await stack.Runs.GetAttemptsAsync(split.RunId);
        Assert.Contains($"-{intake.Id}-intake-", Assert.Single(attempts, a => a.Stage == "intake").Worker);
        Assert.Contains($"-{classifier.Id}-classifier-", Assert.Single(attempts, a => a.Stage == "classifier").Worker);
        Assert.Contains($"-{graph.Id}-graph-", Assert.Single(attempts, a => a.Stage == "graph").Worker);
        Assert.Contains($"-{safety.Id}-safety-", Assert.Single(attempts, a => a.Stage == "safety").Worker);
        Assert.Contains($"-{embeddings.Id}-embeddings-", Assert.Single(attempts, a => a.Stage == "embeddings").Worker);
        Assert.Contains($"-{registrar.Id}-registrar-", Assert.Single(attempts, a => a.Stage == "registrar").Worker);
        // Chunks belong to a tenant: the single process's run is the local tenant's, the split run the gateway key's, so
        // the split run reuses none of the other tenant's chunks in pgvector and embeds the same source again, alike.
        using (var first = JsonDocument.Parse(await stack.ReadArtifactAsync(single.RunId, "embeddings.json")))
        using (var second = JsonDocument.Parse(await stack.ReadArtifactAsync(split.RunId, "embeddings.json")))
        {
            var total = first.RootElement.GetProperty("chunks").GetProperty("embedded").GetInt32();
            Assert.True(total >= 200, $"{total} chunks embedded");
            Assert.Equal(total, second.RootElement.GetProperty("chunks").GetProperty("embedded").GetInt32());
            Assert.Equal(0, second.RootElement.GetProperty("chunks").GetProperty("unchanged").GetInt32());
        }
        await AssertOneTraceAsync(otlp, split.RunId, attempts, stack, bus);
        await AssertSearchAsync(port, key, "f17");
        Assert.All(await stack.Runs.GetAttemptsAsync(single.RunId), a => Assert.Null(a.Worker));
    }

    /// <summary>
    /// One trace spans the distributed run: its root is the gateway's <c>POST /digest</c> server span, and every worker's
    /// <c>execute {stage}</c> span (exported by that worker's own process) leads back to it through exported parents:
    /// worker → producer span of its task → attempt → stage → run (orchestrator) → producer span of the StartRun → QueueRun →
    /// POST /digest (gateway). The producer spans are the bus's, with the OpenTelemetry messaging attributes.
    /// </summary>
    private static async Task AssertOneTraceAsync(OtlpReceiver otlp, string runId, IReadOnlyList<StageAttempt> attempts, ServerStack stack, string bus)
    {
        var executed = attempts.Where(a => a.Worker is not null).ToArray();
        Assert.NotEmpty(executed);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        OtlpSpan[] trace = [];
        while (DateTime.UtcNow < deadline)
        {
            // Spans are exported in batches a moment after they end; the run's own span ends last.
            var run = otlp.Spans.FirstOrDefault(s => s.Name == "run digest" && s["noa.run.id"] == runId);
            trace = run is null ? [] : [.. otlp.Spans.Where(s => s.TraceId == run.TraceId)];
            if (trace.Length > 0 && executed.All(a => trace.Any(s => s.Name == $"execute {a.Stage}" && s["noa.worker"] == a.Worker)))
                break;
            await Task.Delay(250);
        }
        var names = string.Join(", ", trace.Select(s => s.Name).Order(StringComparer.Ordinal));
        var root = Assert.Single(trace, s => s.ParentSpanId.Length == 0);
        Assert.True((root.Name, root.Kind) == ("POST /digest", OtlpSpan.Server), $"root {root.Name} ({root.Kind}); trace: {names}\n{stack.Logs()}");
        var byId = trace.ToDictionary(s => s.SpanId);
        foreach (var attempt in executed)
        {
            var worker = trace.SingleOrDefault(s => s.Name == $"execute {attempt.Stage}" && s["noa.worker"] == attempt.Worker);
            Assert.True(worker is not null, $"no span of {attempt.Stage} from {attempt.Worker} in the run's trace: {names}");
            Assert.Equal(OtlpSpan.Consumer, worker.Kind);
            var chain = new List<string>();
            for (var span = worker; span is not null; span = byId.GetValueOrDefault(span.ParentSpanId))
                chain.Add(span.Name);
            Assert.Equal([$"execute {attempt.Stage}", $"publish tasks.{attempt.Stage}", $"attempt {attempt.Stage}", $"stage {attempt.Stage}", "run digest",
                "publish runs.requests", "QueueRun", "POST /digest"], chain);
            var publish = byId[worker.ParentSpanId];
            Assert.Equal((OtlpSpan.Producer, bus, $"tasks.{attempt.Stage}", "send"),
                (publish.Kind, publish["messaging.system"], publish["messaging.destination.name"], publish["messaging.operation.type"]));
            Assert.Equal(publish["messaging.message.id"], worker["messaging.message.id"]);
        }
    }

    /// <summary>GET /search on the gateway finds the function by name (words, any case: f17 is Go's F17) in what the embeddings worker stored.</summary>
    private static async Task AssertSearchAsync(int port, string key, string name)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.GetAsync($"/search?q={name}&k=3");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        using var doc = JsonDocument.Parse(body);
        Assert.Contains(doc.RootElement.GetProperty("results").EnumerateArray(), r => string.Equals(r.GetProperty("symbol").GetString(), name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Starts the split run the way a client does: <c>POST /digest</c> to the gateway process, once it answers.</summary>
    private static async Task<string> PostDigestAsync(ServerStack stack, int port, string key, string source, Process gateway)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        // Started with nine other processes: on a loaded machine the gateway can take a while to listen.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            if (gateway.HasExited)
                Assert.Fail($"the gateway exited ({gateway.ExitCode}):\n{stack.Logs()}");
            try
            {
                // As a client that traces nothing: the gateway's request span starts the run's trace.
                Activity.Current = null;
                using var response = await http.PostAsJsonAsync("/digest", new { source });
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}\n{stack.Logs()}");
                return JsonDocument.Parse(body).RootElement.GetProperty("runId").GetString()!;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200); // not listening yet
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
