using Noa.Abstractions;

namespace Noa.Workflows.Tests;

/// <summary>
/// A run is usable when its knowing stages (intake … embeddings) have delivered while its doing stages (Env, the Runner) still run:
/// the record's <see cref="RunRecord.UsableAt"/> is set then, once, and a <c>RunUsable</c> event names what is still running.
/// </summary>
public sealed class UsableTests : IDisposable
{
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task KnowingStagesEnded_TheRunIsUsable_WhileTheRunnerStillRuns()
    {
        var release = new TaskCompletionSource();
        var runner = new TestStage("runner", async (_, _) => { await release.Task; return StageOutcome.Success(); }, "intake");
        var running = _h.Engine.RunAsync(new WorkflowDefinition("digest",
            [TestStage.Ok("intake"), TestStage.Ok("graph", "intake"), TestStage.Ok("embeddings", "graph"), runner]), EngineHarness.Request());

        // Usable in the store while the runner is held: what `noa runs show` and `noa search` read.
        RunRecord? usable = null;
        for (var i = 0; i < 500 && usable is null; i++)
        {
            await Task.Delay(10);
            usable = (await _h.Store.ListRunsAsync(new RunQuery())).FirstOrDefault(r => r.UsableAt is not null);
        }
        Assert.NotNull(usable);
        Assert.Equal(RunState.Running, usable.State);
        release.SetResult();
        var record = await running;

        var stored = await _h.Store.GetRunAsync(record.RunId);
        Assert.Equal((RunState.Succeeded, usable.UsableAt), (stored!.State, stored.UsableAt));
        var events = (await _h.EventsAsync(record.RunId)).Select(e => e.Stage is null ? e.Type : $"{e.Type}:{e.Stage}").ToList();
        Assert.Single(events, e => e == "RunUsable");
        Assert.True(events.IndexOf("StageCompleted:embeddings") < events.IndexOf("RunUsable"), string.Join(" ", events));
        Assert.True(events.IndexOf("RunUsable") < events.IndexOf("StageCompleted:runner"), string.Join(" ", events));
        Assert.Equal("graph, system card, search; still running: runner",
            (await _h.EventsAsync(record.RunId)).Single(e => e.Type == "RunUsable").Message);
    }

    [Fact]
    public async Task AKnowingStageFailed_OrNothingLeftToRun_TheRunIsNeverUsable()
    {
        // Controls: embeddings failed, so search is not there while the runner runs; a run of knowing stages alone simply ends.
        var failed = new TestStage("embeddings", (_, _) => Task.FromResult(StageOutcome.Fail("NoModel", "no model", nonRetryable: true)), "intake");
        var slow = new TestStage("runner", async (_, ct) => { await Task.Delay(200, ct); return StageOutcome.Success(); }, "intake");
        var first = await _h.Engine.RunAsync(new WorkflowDefinition("digest", [TestStage.Ok("intake"), failed, slow]), EngineHarness.Request());
        var second = await _h.Engine.RunAsync(new WorkflowDefinition("digest", [TestStage.Ok("intake"), TestStage.Ok("embeddings", "intake")]), EngineHarness.Request());

        foreach (var run in new[] { first, second })
        {
            Assert.Null((await _h.Store.GetRunAsync(run.RunId))!.UsableAt);
            Assert.DoesNotContain(await _h.EventsAsync(run.RunId), e => e.Type == "RunUsable");
        }
    }
}
