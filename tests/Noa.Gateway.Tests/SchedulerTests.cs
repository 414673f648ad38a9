using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Noa.Abstractions;

namespace Noa.Gateway.Tests;

/// <summary>The run scheduler behind the gateway, seen through the stores and the bus.</summary>
public sealed class SchedulerTests
{
    [Fact]
    public async Task Shutdown_MidRun_InterruptsTheRunAndLeavesItsRequestPending()
    {
        var hold = new HoldStage();
        await using var host = await GatewayHost.StartAsync(services: s => s.TryAddEnumerable(ServiceDescriptor.Singleton<IStage>(hold)));
        var folder = host.WriteSourceFolder();
        var runId = (await (await host.Admin.PostAsJsonAsync("/digest", new { source = folder })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("runId").GetString()!;
        await hold.Entered.WaitAsync(TimeSpan.FromSeconds(30));

        await host.App.StopAsync();

        var run = await host.Services.GetRequiredService<IRunStore>().GetRunAsync(runId);
        // Still running, held by nobody: the next scheduler (or this process restarted) resumes it.
        Assert.Equal((RunState.Running, null), (run!.State, run.Owner));
        Assert.StartsWith("interrupted:", run.Reason);
        Assert.Equal(1, await host.Services.GetRequiredService<IMessageBus>().GetLagAsync(StartRun.Stream, StartRun.Group));
    }

    [Fact]
    public async Task UnknownOnlyStage_WhenTheGatewayCannotCheck_FailsTheRunWithTheReason()
    {
        await using var host = await GatewayHost.StartAsync();
        var runs = host.Services.GetRequiredService<IRunStore>();
        var bus = host.Services.GetRequiredService<IMessageBus>();
        var now = DateTimeOffset.UtcNow;
        await runs.SaveRunAsync(new RunRecord
        {
            RunId = "run_manual", Workflow = "digest", State = RunState.Queued, CreatedAt = now, UpdatedAt = now,
            Request = new DigestRequest { Source = "/nowhere", Only = ["graph"] },
        });

        await bus.PublishAsync(StartRun.Stream, new BusMessage(StartRun.MessageType, "{\"runId\":\"run_manual\"}"));

        var details = await Wait.ForRunAsync(host.Admin, "run_manual", "failed");
        Assert.Contains("graph", details.GetProperty("run").GetProperty("reason").GetString());
    }
}
