using Noa.Abstractions;
using Xunit.Abstractions;

namespace Noa.IntegrationTests;

/// <summary>
/// The same digest on Redis (or NATS) + Postgres + S3, once with <c>noa serve --target all</c> in one process, once split: an
/// orchestrator (<c>--target workflows</c>, the run scheduler and the engine dispatching activities on task queues) and
/// separate intake and classifier worker processes.
/// </summary>
public sealed class SplitTopologyTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> BusDispatch = new() { ["Noa__Workflows__Dispatch"] = "bus" };

    [Theory]
    [InlineData("redis", 11)]
    [InlineData("nats", 13)]
    public async Task Digest_AllInOneProcessAndSplitAcrossProcesses_ProduceTheSameProfile(string bus, int redisDatabase)
    {
        await using var stack = await ServerStack.StartAsync(output, redisDatabase, bus);
        if (stack is null) return;
        var source = SourceTrees.Mixed(stack.Temp.Combine("src"), 200);

        var all = stack.Serve("all", "all");
        var single = await stack.WaitForEndAsync(await stack.QueueRunAsync(source), TimeSpan.FromMinutes(3), all);
        Assert.True(single.State == RunState.Succeeded, $"{single.State}: {single.Reason}\n{stack.Logs()}");
        all.Kill(entireProcessTree: true);
        await all.WaitForExitAsync();

        var orchestrator = stack.Serve("workflows", "workflows", BusDispatch);
        var intake = stack.Serve("intake", "intake", BusDispatch);
        var classifier = stack.Serve("classifier", "classifier", BusDispatch);
        var split = await stack.WaitForEndAsync(await stack.QueueRunAsync(source), TimeSpan.FromMinutes(3), orchestrator, intake, classifier);

        Assert.True(split.State == RunState.Succeeded, $"{split.State}: {split.Reason}\n{stack.Logs()}");
        Assert.Equal(await stack.ReadArtifactAsync(single.RunId, "profile.json"), await stack.ReadArtifactAsync(split.RunId, "profile.json"));
        var attempts = await stack.Runs.GetAttemptsAsync(split.RunId);
        Assert.Contains($"-{intake.Id}-intake-", Assert.Single(attempts, a => a.Stage == "intake").Worker);
        Assert.Contains($"-{classifier.Id}-classifier-", Assert.Single(attempts, a => a.Stage == "classifier").Worker);
        Assert.All(await stack.Runs.GetAttemptsAsync(single.RunId), a => Assert.Null(a.Worker));
    }
}
