using System.Diagnostics;
using Noa.Abstractions;

namespace Noa.IntegrationTests;

/// <summary>
/// At-least-once, effectively once: of two classifier worker processes, the one executing the stage is killed with
/// SIGKILL mid-stage; its task is redelivered after the lease to the other, which executes the same attempt again,
/// and the run succeeds with each artifact bound once.
/// </summary>
[Collection(ServerStackCollection.Name)]
public sealed class KillWorkerTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Worker = new()
    {
        ["Noa__Workflows__Dispatch"] = "bus",
        ["Noa__Embeddings__MaxChunks"] = "300",
        ["Noa__Workflows__TaskLease"] = "00:00:03",
    };

    [Fact]
    public async Task Run_ClassifierWorkerKilledMidStage_AnotherWorkerFinishesTheSameAttempt()
    {
        await using var stack = await ServerStack.StartAsync(output, redisDatabase: 12);
        if (stack is null) return;
        // Big enough that the classifier reads its snapshot from S3 for several seconds (about 10 alone): the window to
        // kill it in, which the test finds within 20 ms.
        var source = SourceTrees.Mixed(stack.Temp.Combine("src"), 2_000);
        var orchestrator = stack.Serve("workflows", "workflows", Worker);
        var intake = stack.Serve("intake", "intake", Worker);
        var first = stack.Serve("classifier-1", "classifier", Worker);
        var second = stack.Serve("classifier-2", "classifier", Worker);
        var graph = stack.Serve("graph", "graph", Worker);
        var safety = stack.Serve("safety", "safety", Worker);
        var embeddings = stack.Serve("embeddings", "embeddings", Worker);
        var integrator = stack.Serve("integrator", "integrator", Worker);
        var runner = stack.Serve("runner", "runner", Worker);
        var env = stack.Serve("env", "env", Worker);
        var registrar = stack.Serve("registrar", "registrar", Worker);
        var runId = await stack.QueueRunAsync(source);

        // Intake writes the files to the S3 server first: 4,000 took 45 s alone and 2.5 minutes in a full make test on moto.
        var (running, victim) = await WaitForClassifierAsync(stack, runId, [first, second], TimeSpan.FromMinutes(5));
        victim.Kill(entireProcessTree: true);
        await victim.WaitForExitAsync();
        var survivor = victim == first ? second : first;
        output.WriteLine($"killed {running.Worker} (pid {victim.Id}) at {DateTimeOffset.UtcNow:HH:mm:ss.fff}");

        var run = await stack.WaitForEndAsync(runId, TimeSpan.FromMinutes(8), orchestrator, intake, survivor, graph, safety, embeddings, integrator, env, runner, registrar);
        foreach (var a in await stack.Runs.GetAttemptsAsync(runId))
            output.WriteLine($"{a.Stage} #{a.Attempt} {a.Status} on {a.Worker}: {a.StartedAt:HH:mm:ss.fff} → {a.EndedAt:HH:mm:ss.fff} (last heartbeat {a.HeartbeatAt:HH:mm:ss.fff})");
        output.WriteLine($"run {run.State} at {run.UpdatedAt:HH:mm:ss.fff}");

        Assert.True(run.State == RunState.Succeeded, $"{run.State}: {run.Reason}\n{stack.Logs()}");
        var classifier = Assert.Single(await stack.Runs.GetAttemptsAsync(runId), a => a.Stage == "classifier");
        Assert.Equal((1, StageStatus.Succeeded), (classifier.Attempt, classifier.Status));
        Assert.Contains($"-{survivor.Id}-classifier-", classifier.Worker);
        var artifacts = await stack.Runs.GetArtifactsAsync(runId);
        Assert.Equal(artifacts.Count, artifacts.Select(a => a.Path).Distinct().Count());
        var profile = Assert.Single(artifacts, a => a.Path == "profile.json");
        Assert.Equal("classifier", profile.Stage);
        Assert.True(await stack.Artifacts.ExistsAsync(profile.Sha256));
        Assert.Contains("\"files\"", await stack.ReadArtifactAsync(runId, "profile.json"));
    }

    /// <summary>Polls until a classifier attempt is running on one of <paramref name="workers"/>, and returns it and that process.</summary>
    private static async Task<(StageAttempt Attempt, Process Process)> WaitForClassifierAsync(ServerStack stack, string runId, Process[] workers, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var attempt = (await stack.Runs.GetAttemptsAsync(runId)).FirstOrDefault(a => a.Stage == "classifier" && a.Status is null && a.Worker is not null);
            if (attempt is not null && workers.FirstOrDefault(w => attempt.Worker!.Contains($"-{w.Id}-classifier-", StringComparison.Ordinal)) is { } process)
                return (attempt, process);
            if (await stack.Runs.GetRunAsync(runId) is { State: not (RunState.Queued or RunState.Running) } ended)
                throw new InvalidOperationException($"the run ended {ended.State} before the classifier could be killed: {ended.Reason}\n{stack.Logs()}");
            await Task.Delay(20);
        }
        throw new TimeoutException($"no classifier attempt started:\n{stack.Logs()}");
    }
}
