using System.Collections.Concurrent;
using System.Diagnostics;
using Noa.Abstractions;

namespace Noa.Workflows.Tests;

/// <summary>
/// A run resumed by another process after its first one died stays in the run's original trace: the store keeps the
/// traceparent of the run's first span, and the resuming engine starts its spans under it (issue 14, telemetry).
/// </summary>
[Collection("span listeners")]
public sealed class ResumeTraceTests : IDisposable
{
    private readonly EngineHarness _h = new();
    private readonly ConcurrentQueue<Activity> _started = new();
    private readonly ActivityListener _listener;

    public ResumeTraceTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == WorkflowTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = _started.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _h.Dispose();
    }

    [Fact]
    public async Task ResumeAsync_AfterTheProcessDied_PutsTheResumedSpansInTheRunsOriginalTrace()
    {
        var first = TestStage.Ok("first");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hang = new TestStage("second", async (_, _) =>
        {
            started.TrySetResult();
            await new TaskCompletionSource().Task; // the process "dies" here
            return StageOutcome.Success();
        }, "first");
        // The gateway's request, in another process: the run's first span is its child.
        var caller = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        var dying = _h.CreateEngine();
        _ = dying.RunAsync(new WorkflowDefinition("digest", [first, hang]), EngineHarness.Request(), "run_traced", interruptible: false,
            CancellationToken.None, caller);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        RunOwner.Retire(dying.Owner);
        var original = Assert.Single(_started, s => s.DisplayName == "run digest" && s.TraceId == caller.TraceId);

        // The restarted process reads the run from its store; nothing of the first process's context is current here.
        Activity.Current = null;
        var restarted = _h.CreateEngine(freshStores: true);
        Assert.Equal(original.Id, (await _h.Store.GetRunAsync("run_traced"))!.TraceParent);
        var record = await restarted.ResumeAsync(new WorkflowDefinition("digest", [first, TestStage.Ok("second", "first")]), "run_traced");

        Assert.Equal(RunState.Succeeded, record.State);
        var resumed = Assert.Single(_started, s => s.DisplayName == "run digest" && Equals(s.GetTagItem("noa.run.resumed"), true));
        Assert.Equal((caller.TraceId, original.SpanId), (resumed.TraceId, resumed.ParentSpanId));
        var stage = Assert.Single(_started, s => s.DisplayName == "stage second" && s.ParentSpanId == resumed.SpanId);
        Assert.Equal(caller.TraceId, stage.TraceId);
        Assert.Contains(_started, s => s.DisplayName == "attempt second" && s.ParentSpanId == stage.SpanId && s.TraceId == caller.TraceId);
    }

    [Fact]
    public async Task RunAsync_NobodyTracing_StoresNoTraceContext()
    {
        // The control case: the stored traceparent is the run span's, not something the engine makes up.
        _listener.Dispose();
        var record = await _h.Engine.RunAsync(new WorkflowDefinition("digest", [TestStage.Ok("first")]), EngineHarness.Request(), "run_untraced");

        Assert.Equal(RunState.Succeeded, record.State);
        Assert.Null((await _h.Store.GetRunAsync("run_untraced"))!.TraceParent);
    }
}
