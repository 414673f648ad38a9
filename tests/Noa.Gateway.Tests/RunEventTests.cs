using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Noa.Abstractions;
using Noa.EventBus.InProcess;

namespace Noa.Gateway.Tests;

public sealed class RunEventTests
{
    [Fact]
    public async Task Events_LiveRun_StreamStagesInOrderThenEndAfterRunCompleted()
    {
        var hold = new HoldStage();
        await using var host = await GatewayHost.StartAsync(services: s => s.TryAddEnumerable(ServiceDescriptor.Singleton<IStage>(hold)));
        var folder = host.WriteSourceFolder();
        var accepted = await (await host.Admin.PostAsJsonAsync("/digest", new { source = folder })).Content.ReadFromJsonAsync<JsonElement>();
        var runId = accepted.GetProperty("runId").GetString()!;
        await hold.Entered.WaitAsync(TimeSpan.FromSeconds(30));

        using var stream = await host.Admin.GetStreamAsync(accepted.GetProperty("events").GetString());
        var reading = ReadEventsAsync(stream);
        hold.Release();
        var events = await reading.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(
            ["RunStarted", "StageStarted:intake", "StageCompleted:intake", "StageStarted:hold", "StageCompleted:hold", "RunCompleted"],
            events.Select(e => e.Stage is null ? e.Type : $"{e.Type}:{e.Stage}"));
        Assert.All(events, e => Assert.Equal(runId, e.Data.GetProperty("runId").GetString()));
        Assert.Equal("succeeded", events[^1].Data.GetProperty("status").GetString());

        // Once the run has ended, the same stream is replayed from the audit trail.
        using var replay = await host.Admin.GetStreamAsync($"/runs/{runId}/events");
        var replayed = await ReadEventsAsync(replay).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(events.Select(e => (e.Type, e.Stage)), replayed.Select(e => (e.Type, e.Stage)));
    }

    [Fact]
    public async Task Events_StreamEnded_DeletesItsGroup_AndStoppedSchedulerDeletesOnlyItsOwnGroup()
    {
        var hold = new HoldStage();
        var bus = new GroupRecordingBus(new InProcessMessageBus(TimeProvider.System));
        var host = await GatewayHost.StartAsync(services: s =>
        {
            s.TryAddEnumerable(ServiceDescriptor.Singleton<IStage>(hold));
            s.Replace(ServiceDescriptor.Singleton<IMessageBus>(bus));
        });
        await using (host)
        {
            var accepted = await (await host.Admin.PostAsJsonAsync("/digest", new { source = host.WriteSourceFolder() })).Content.ReadFromJsonAsync<JsonElement>();
            await hold.Entered.WaitAsync(TimeSpan.FromSeconds(30));
            using var stream = await host.Admin.GetStreamAsync(accepted.GetProperty("events").GetString());
            var reading = ReadEventsAsync(stream);
            hold.Release();
            Assert.Equal("RunCompleted", (await reading.WaitAsync(TimeSpan.FromSeconds(30)))[^1].Type);

            var sse = Assert.Single(bus.Read.Keys, k => k.Group.StartsWith("sse-", StringComparison.Ordinal));
            Assert.Equal(RunEvent.Stream, sse.Stream);
            Assert.Contains(sse, bus.Deleted);
        }

        var control = Assert.Single(bus.Read.Keys, k => k.Stream == CancelRun.Stream);
        Assert.Contains(control, bus.Deleted);
        Assert.DoesNotContain(bus.Deleted, d => d.Group == StartRun.Group);
    }

    [Fact]
    public async Task Cancel_RunningRun_EndsCancelled_AndEndedRunIsConflict()
    {
        var hold = new HoldStage();
        await using var host = await GatewayHost.StartAsync(services: s => s.TryAddEnumerable(ServiceDescriptor.Singleton<IStage>(hold)));
        var folder = host.WriteSourceFolder();
        var runId = (await (await host.Admin.PostAsJsonAsync("/digest", new { source = folder })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("runId").GetString()!;
        await hold.Entered.WaitAsync(TimeSpan.FromSeconds(30));

        var cancel = await host.Admin.PostAsync($"/runs/{runId}/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var details = await Wait.ForRunAsync(host.Admin, runId, "cancelled");
        Assert.Contains(details.GetProperty("attempts").EnumerateArray(), a => a.GetProperty("stage").GetString() == "intake");
        var again = await host.Admin.PostAsync($"/runs/{runId}/cancel", null);
        await Problem.AssertAsync(again, HttpStatusCode.Conflict, "conflict");
        await Problem.AssertAsync(await host.Admin.PostAsync("/runs/run_missing/cancel", null), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Cancel_QueuedRun_IsCancelledAtOnce()
    {
        await using var host = await GatewayHost.StartAsync(workers: false);
        var runId = (await (await host.Admin.PostAsJsonAsync("/digest", new { source = "/tmp/x" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("runId").GetString()!;

        var cancel = await (await host.Admin.PostAsync($"/runs/{runId}/cancel", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("cancelled", cancel.GetProperty("state").GetString());
        var run = await host.Admin.GetFromJsonAsync<JsonElement>($"/runs/{runId}");
        Assert.Equal("cancelled", run.GetProperty("run").GetProperty("state").GetString());
    }

    internal sealed record SseEvent(string Type, string? Stage, JsonElement Data);

    private static async Task<List<SseEvent>> ReadEventsAsync(Stream stream)
    {
        var events = new List<SseEvent>();
        using var reader = new StreamReader(stream);
        string? type = null;
        var data = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
                type = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
                data.Add(line["data: ".Length..]);
            else if (line.Length == 0 && type is not null)
            {
                var json = JsonDocument.Parse(string.Join('\n', data)).RootElement.Clone();
                events.Add(new SseEvent(type, json.TryGetProperty("stage", out var s) ? s.GetString() : null, json));
                (type, data) = (null, []);
            }
        }
        return events;
    }
}
