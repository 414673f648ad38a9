using Noa.Abstractions;

namespace Noa.Workflows.Tests;

public sealed class GateAndFailureTests : IDisposable
{
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task RunAsync_GateFails_BlocksRunAndSkipsStagesThatNeedAPassTransitively()
    {
        var safety = new TestStage("safety", (_, _) => Task.FromResult(StageOutcome.Gate("critical CVE-2026-0001 in libfoo", "verdict: fail")), "intake");
        var runner = TestStage.Ok("runner", "safety=pass");
        var registrar = TestStage.Ok("registrar", "runner");
        var graph = TestStage.Ok("graph", "safety");
        var definition = new WorkflowDefinition("digest", [TestStage.Ok("intake"), safety, runner, registrar, graph]);

        var record = await _h.Engine.RunAsync(definition, EngineHarness.Request());

        Assert.Equal((RunState.Blocked, "critical CVE-2026-0001 in libfoo"), (record.State, record.Reason));
        Assert.Equal((1, 0, 0, 1), (safety.Executions, runner.Executions, registrar.Executions, graph.Executions));
        Assert.Equal(StageStatus.GateFailed, Assert.Single(await _h.AttemptsAsync(record.RunId, "safety")).Status);
        Assert.Equal(StageStatus.Skipped, Assert.Single(await _h.AttemptsAsync(record.RunId, "runner")).Status);
        Assert.Equal(StageStatus.Skipped, Assert.Single(await _h.AttemptsAsync(record.RunId, "registrar")).Status);
        Assert.Equal(StageStatus.Succeeded, Assert.Single(await _h.AttemptsAsync(record.RunId, "graph")).Status);

        var gate = Assert.Single(await _h.Store.QueryAsync(new AuditQuery(record.RunId, "GateFailed")));
        Assert.Equal(("system", "safety", "critical CVE-2026-0001 in libfoo"), (gate.Actor, gate.Subject, gate.Detail));
        var completed = Assert.Single(await _h.Store.QueryAsync(new AuditQuery(record.RunId, "RunCompleted")));
        Assert.Equal("critical CVE-2026-0001 in libfoo", completed.Detail);
    }

    [Fact]
    public async Task RunAsync_StageFails_SkipsDependentsRunsTheRestAndFailsRun()
    {
        var broken = new TestStage("classifier", (_, _) => Task.FromResult(StageOutcome.Fail("Parse", "profile unreadable", nonRetryable: true)), "intake");
        var graph = TestStage.Ok("graph", "classifier");
        var env = TestStage.Ok("env", "graph");
        var sbom = TestStage.Ok("sbom", "intake");
        var definition = new WorkflowDefinition("digest", [TestStage.Ok("intake"), broken, graph, env, sbom]);

        var record = await _h.Engine.RunAsync(definition, EngineHarness.Request());

        Assert.Equal((RunState.Failed, "profile unreadable"), (record.State, record.Reason));
        Assert.Equal((0, 0, 1), (graph.Executions, env.Executions, sbom.Executions));
        Assert.Equal("dependency 'classifier' failed", Assert.Single(await _h.AttemptsAsync(record.RunId, "graph")).Message);
        Assert.Equal(StageStatus.Skipped, Assert.Single(await _h.AttemptsAsync(record.RunId, "env")).Status);
        var saved = await _h.Store.GetRunAsync(record.RunId);
        Assert.Equal((RunState.Failed, "profile unreadable"), (saved!.State, saved.Reason));
    }

    [Fact]
    public async Task RunAsync_GateAndFailureBoth_FailureDecidesTheRunState()
    {
        var gate = new TestStage("safety", (_, _) => Task.FromResult(StageOutcome.Gate("unsafe")));
        var broken = new TestStage("graph", (_, _) => Task.FromResult(StageOutcome.BadInput("bad graph")));

        var record = await _h.Engine.RunAsync(new WorkflowDefinition("w", [gate, broken]), EngineHarness.Request());

        Assert.Equal((RunState.Failed, "bad graph"), (record.State, record.Reason));
    }

    [Fact]
    public async Task RunAsync_Only_RunsTheClosureAndRecordsNothingForOtherStages()
    {
        var stages = new[] { TestStage.Ok("intake"), TestStage.Ok("classifier", "intake"), TestStage.Ok("graph", "classifier"), TestStage.Ok("safety", "classifier") };

        var record = await _h.Engine.RunAsync(new WorkflowDefinition("digest", stages), EngineHarness.Request("classifier"));

        Assert.Equal(RunState.Succeeded, record.State);
        Assert.Equal([1, 1, 0, 0], stages.Select(s => s.Executions));
        Assert.Equal(["classifier", "intake"], (await _h.Store.GetAttemptsAsync(record.RunId)).Select(a => a.Stage).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_OnlyUnknownStage_ThrowsBeforeCreatingARun()
    {
        var definition = new WorkflowDefinition("digest", [TestStage.Ok("intake")]);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => _h.Engine.RunAsync(definition, EngineHarness.Request("intkae")));

        Assert.Contains("valid stages: intake", e.Message);
        Assert.Empty(await _h.Store.ListRunsAsync(new RunQuery()));
    }
}
