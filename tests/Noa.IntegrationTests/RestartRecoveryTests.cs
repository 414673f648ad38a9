using System.Text.Json;

namespace Noa.IntegrationTests;

/// <summary>
/// A real single process (<c>noa serve --target all</c>, embedded defaults: its bus lives in its memory) stopped with SIGKILL
/// or SIGTERM while two runs execute and a third waits, then started again on the same home: every open run finishes,
/// stages that had finished are not run again, an event stream of a recovered run ends with its final state, and the
/// workspaces are gone. Cancel ends a queued, a running and an orphaned run.
/// </summary>
public sealed class RestartRecoveryTests : IDisposable
{
    private const int Files = 3000;
    private readonly TempDir _temp = new("noa-restart");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("SIGKILL")]
    [InlineData("SIGTERM")]
    public async Task Restart_AfterStopMidRun_EveryOpenRunFinishes(string signal)
    {
        var source = SourceTrees.Mixed(_temp.Combine("src"), Files);
        var home = _temp.Combine("home");
        string[] runs;
        await using (var first = await ServeProcess.StartAsync(home))
        {
            // Two runs execute (two scheduler slots), the third waits on the in-process bus.
            runs = [await first.DigestAsync(source, "graph"), await first.DigestAsync(source, "graph"), await first.DigestAsync(source, "graph")];
            await WaitForAStageAfterIntakeAsync(first, runs);
            if (signal == "SIGKILL")
                await first.KillAsync();
            else
                Assert.Equal(0, await first.TerminateAsync());
        }
        var open = await OpenRunsAsync(home, runs);
        Assert.True(open.Count == 3, $"expected three open runs after {signal}, found {open.Count}");
        if (signal == "SIGTERM")
        {
            // Interrupted, not cancelled or requeued: still running, held by nobody.
            Assert.All(open.Where(r => r.State == "running"), r => Assert.Equal((null, true), (r.Owner, r.Reason?.StartsWith("interrupted:", StringComparison.Ordinal))));
        }

        await using var second = await ServeProcess.StartAsync(home);
        var events = ReadEventsAsync(second, runs[0]);
        var ended = await second.WaitForEndAsync(runs, TimeSpan.FromMinutes(4));

        Assert.All(ended, r => Assert.True(r.GetProperty("state").GetString() == "succeeded", r.GetRawText() + "\n" + second.Logs()));
        var stream = await events.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal("RunCompleted", stream[^1].Type);
        Assert.Contains("\"status\":\"succeeded\"", stream[^1].Data);
        foreach (var runId in runs)
        {
            var attempts = (await second.RunAsync(runId)).GetProperty("attempts").EnumerateArray().ToArray();
            // Intake had finished in the first process for every run that started: it is not run again.
            Assert.True(attempts.Count(a => a.GetProperty("stage").GetString() == "intake" && a.GetProperty("status").GetString() == "succeeded") == 1,
                string.Join("\n", attempts.Select(a => a.GetRawText())));
            Assert.DoesNotContain(attempts, a => !a.TryGetProperty("status", out var s) || s.ValueKind == JsonValueKind.Null);
        }
        await WaitForNoWorkspacesAsync(home, runs);
    }

    [Fact]
    public async Task Cancel_QueuedRunningAndOrphanedRuns_EachEndsCancelled()
    {
        var source = SourceTrees.Mixed(_temp.Combine("src"), Files);
        var home = _temp.Combine("home");
        string orphan;
        await using (var serve = await ServeProcess.StartAsync(home, settings: new Dictionary<string, string> { ["Noa__Workflows__Scheduler__MaxConcurrentRuns"] = "1" }))
        {
            var running = await serve.DigestAsync(source, "graph");
            var queued = await serve.DigestAsync(source, "graph");
            await WaitForAStageAfterIntakeAsync(serve, [running]);

            using (var cancelQueued = await serve.Http.PostAsync($"/runs/{queued}/cancel", null))
                Assert.Contains("\"state\":\"cancelled\"", await cancelQueued.Content.ReadAsStringAsync());
            using (var cancelRunning = await serve.Http.PostAsync($"/runs/{running}/cancel", null))
                Assert.Equal(System.Net.HttpStatusCode.Accepted, cancelRunning.StatusCode);
            var ended = await serve.WaitForEndAsync([running, queued], TimeSpan.FromMinutes(2));
            Assert.All(ended, r => Assert.Equal("cancelled", r.GetProperty("state").GetString()));

            orphan = await serve.DigestAsync(source, "graph");
            await WaitForAStageAfterIntakeAsync(serve, [orphan]);
            await serve.KillAsync();
        }
        // Only the API on the same home: no scheduler executes the orphaned run, yet the cancel is taken and recorded.
        await using (var api = await ServeProcess.StartAsync(home, "api"))
        {
            using var cancel = await api.Http.PostAsync($"/runs/{orphan}/cancel", null);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, cancel.StatusCode);
            await api.TerminateAsync();
        }
        await using var restarted = await ServeProcess.StartAsync(home);
        var final = (await restarted.WaitForEndAsync([orphan], TimeSpan.FromMinutes(2)))[0];

        Assert.Equal("cancelled", final.GetProperty("state").GetString());
        Assert.StartsWith("cancelled by", final.GetProperty("reason").GetString());
        var attempts = (await restarted.RunAsync(orphan)).GetProperty("attempts").EnumerateArray().ToArray();
        Assert.DoesNotContain(attempts, a => a.GetProperty("stage").GetString() == "graph" && a.GetProperty("status").GetString() == "succeeded");
    }

    // The kill must land while a run is past intake (its snapshot stored) and inside a later stage.
    private static async Task WaitForAStageAfterIntakeAsync(ServeProcess serve, string[] runs)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var runId in runs)
            {
                var attempts = (await serve.RunAsync(runId)).GetProperty("attempts").EnumerateArray();
                if (attempts.Any(a => a.GetProperty("stage").GetString() != "intake" && (!a.TryGetProperty("status", out var s) || s.ValueKind == JsonValueKind.Null)))
                    return;
            }
            await Task.Delay(25);
        }
        throw new TimeoutException("no run reached a stage after intake within 3 minutes:\n" + serve.Logs());
    }

    private static async Task<List<(string State, string? Owner, string? Reason)>> OpenRunsAsync(string home, string[] runs)
    {
        var store = new Noa.Storage.Sqlite.SqliteMetadataStore(
            Microsoft.Extensions.Options.Options.Create(new Noa.Storage.Sqlite.SqliteSettings { ConnectionString = $"Data Source={Path.Combine(home, "noa.db")};Pooling=false" }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Noa.Storage.Sqlite.SqliteMetadataStore>.Instance);
        var open = new List<(string, string?, string?)>();
        foreach (var runId in runs)
        {
            if (await store.GetRunAsync(runId) is { State: Noa.Abstractions.RunState.Queued or Noa.Abstractions.RunState.Running } run)
                open.Add((run.State == Noa.Abstractions.RunState.Queued ? "queued" : "running", run.Owner, run.Reason));
        }
        return open;
    }

    /// <summary>Reads a run's server-sent events until the server ends the stream.</summary>
    private static async Task<List<(string Type, string Data)>> ReadEventsAsync(ServeProcess serve, string runId)
    {
        using var response = await serve.Http.GetAsync($"/runs/{runId}/events", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<(string, string)>();
        string? type = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
                type = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && type is not null)
                events.Add((type, line[6..]));
        }
        return events;
    }

    private static async Task WaitForNoWorkspacesAsync(string home, string[] runs)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (runs.Any(r => Directory.Exists(Path.Combine(home, "workspaces", r))) && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        Assert.All(runs, r => Assert.False(Directory.Exists(Path.Combine(home, "workspaces", r)), $"workspace of {r} left behind"));
    }
}
