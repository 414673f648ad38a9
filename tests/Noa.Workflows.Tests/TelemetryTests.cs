using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Noa.Abstractions;

namespace Noa.Workflows.Tests;

/// <summary>
/// The engine's and workers' spans and metrics on a bus-dispatched run (in-process bus, real workers): one trace from the
/// caller's span through run, stage and attempt spans to every worker's execution, and the counters and histograms it records.
/// Spans are kept by trace id and measurements by this test's own <see cref="IMeterFactory"/>, so tests running beside it
/// add nothing.
/// </summary>
// One collection with the other tests that listen to spans: a listener of one would record spans in the other's control cases.
[Collection("span listeners")]
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly EngineHarness _h = new(o =>
    {
        o.Dispatch = ActivityDispatch.Bus;
        o.TaskLease = TimeSpan.FromSeconds(2);
        o.DefaultRetryPolicy = new RetryPolicy { InitialInterval = TimeSpan.FromMilliseconds(10), MaximumAttempts = 2 };
        o.RetryPollInterval = TimeSpan.FromMilliseconds(50);
    });
    private readonly IMeterFactory _meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
    private readonly List<Microsoft.Extensions.Hosting.BackgroundService> _workers = [];
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly ActivityListener _listener;
    private readonly MeterListener _meterListener = new();

    public TelemetryTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is WorkflowTelemetry.Name or BusTraceContext.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
        _meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == _meters)
                listener.EnableMeasurementEvents(instrument);
        };
        _meterListener.SetMeasurementEventCallback<long>((i, v, tags, _) => Measured(i, v, tags));
        _meterListener.SetMeasurementEventCallback<double>((i, v, tags, _) => Measured(i, v, tags));
        _meterListener.Start();
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
            await worker.StopAsync(CancellationToken.None);
        _listener.Dispose();
        _meterListener.Dispose();
        _h.Dispose();
    }

    [Fact]
    public async Task Run_BusDispatchUnderARemoteParent_OneTraceFromTheParentToEveryWorkerExecution()
    {
        var intake = TestStage.Ok("intake");
        var calls = 0;
        var classifier = new TestStage("classifier", (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1
            ? StageOutcome.Fail("Flaky", "first time unlucky")
            : StageOutcome.Success("second time lucky")), "intake");
        await StartWorkersAsync(intake, classifier);
        // What a StartRun's traceparent gives the scheduler: the gateway's span, in another process.
        var caller = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);

        RunRecord run;
        await using (var engine = CreateEngine())
            run = await engine.RunAsync(new WorkflowDefinition("digest", [intake, classifier]), EngineHarness.Request(), null, interruptible: false,
                CancellationToken.None, caller).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunState.Succeeded, run.State);
        var trace = _spans.Where(s => s.TraceId == caller.TraceId).ToArray();
        var root = Assert.Single(trace, s => s.DisplayName == "run digest");
        Assert.Equal(caller.SpanId, root.ParentSpanId);
        Assert.Equal(run.RunId, root.GetTagItem("noa.run.id"));
        Assert.Equal("succeeded", root.GetTagItem("noa.run.outcome"));
        foreach (var (stage, attempts) in new[] { ("intake", 1), ("classifier", 2) })
        {
            var stageSpan = Assert.Single(trace, s => s.DisplayName == $"stage {stage}");
            Assert.Equal(root.SpanId, stageSpan.ParentSpanId);
            var attemptSpans = trace.Where(s => s.DisplayName == $"attempt {stage}").ToArray();
            Assert.Equal(attempts, attemptSpans.Length);
            Assert.All(attemptSpans, a => Assert.Equal(stageSpan.SpanId, a.ParentSpanId));
            // Each worker execution is the child of the producer span that published its task, itself the child of the attempt
            // it executed: across the bus, with the OpenTelemetry messaging attributes on both sides.
            var executions = trace.Where(s => s.DisplayName == $"execute {stage}").ToArray();
            Assert.Equal(attempts, executions.Length);
            Assert.All(executions, e =>
            {
                Assert.Equal(ActivityKind.Consumer, e.Kind);
                Assert.Equal(("process", TaskQueues.For(stage)), (e.GetTagItem("messaging.operation.type"), e.GetTagItem("messaging.destination.name")));
                var publish = Assert.Single(trace, p => p.SpanId == e.ParentSpanId);
                Assert.Equal(($"publish {TaskQueues.For(stage)}", ActivityKind.Producer), (publish.DisplayName, publish.Kind));
                Assert.Equal(("inprocess", TaskQueues.For(stage), "send", e.GetTagItem("messaging.message.id")),
                    (publish.GetTagItem("messaging.system"), publish.GetTagItem("messaging.destination.name"), publish.GetTagItem("messaging.operation.type"),
                        publish.GetTagItem("messaging.message.id")));
                Assert.Contains(attemptSpans, a => a.SpanId == publish.ParentSpanId && Equals(a.GetTagItem("noa.attempt"), e.GetTagItem("noa.attempt")));
            });
        }
        var failed = Assert.Single(trace, s => s.DisplayName == "attempt classifier" && Equals(s.GetTagItem("noa.attempt"), 1));
        Assert.Equal((ActivityStatusCode.Error, "Flaky"), (failed.Status, failed.GetTagItem("error.type")));
    }

    [Fact]
    public async Task Run_WithRetry_CountsRunsAttemptsRetriesAndRecordsDurationsAndQueueWaits()
    {
        var intake = TestStage.Ok("intake");
        var calls = 0;
        var classifier = new TestStage("classifier", (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1
            ? StageOutcome.Fail("Flaky", "first time unlucky")
            : StageOutcome.Success("second time lucky")), "intake");
        await StartWorkersAsync(intake, classifier);

        RunRecord run;
        await using (var engine = CreateEngine())
            run = await engine.RunAsync(new WorkflowDefinition("digest", [intake, classifier]), EngineHarness.Request()).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunState.Succeeded, run.State);
        var measured = _measurements.ToArray();
        Assert.Equal(1, Sum(measured, "noa.workflow.runs.started"));
        Assert.Equal(1, Sum(measured, "noa.workflow.runs.ended", ("noa.run.outcome", "succeeded")));
        Assert.Equal(2, Sum(measured, "noa.workflow.attempts", ("noa.attempt.status", "succeeded")));
        Assert.Equal(1, Sum(measured, "noa.workflow.attempts", ("noa.stage", "classifier"), ("noa.attempt.status", "failed")));
        Assert.Equal(1, Sum(measured, "noa.workflow.retries", ("noa.stage", "classifier"), ("error.type", "Flaky")));
        Assert.Equal(2, Count(measured, "noa.workflow.stage.duration"));
        Assert.Equal(1, Count(measured, "noa.workflow.run.duration"));
        Assert.Equal(3, Count(measured, "noa.workflow.worker.execution.duration"));
        Assert.Equal(1, Count(measured, "noa.workflow.queue.wait", ("noa.queue", "tasks.intake")));
        Assert.Equal(2, Count(measured, "noa.workflow.queue.wait", ("noa.queue", "tasks.classifier")));
        Assert.All(measured.Where(m => m.Instrument.EndsWith(".duration", StringComparison.Ordinal) || m.Instrument.EndsWith(".wait", StringComparison.Ordinal)),
            m => Assert.InRange(m.Value, 0, 30));
    }

    [Fact]
    public async Task Run_NobodyListening_TasksCarryNoTraceContext()
    {
        // The control case of the trace test: the traceparent comes from a recorded span, not from the engine by itself.
        _listener.Dispose();
        var stage = TestStage.Ok("intake");
        var seen = new ConcurrentQueue<BusMessage>();
        var bus = new Recording(_h.Bus, seen);
        await using (var engine = new WorkflowEngine(_h.Store, _h.Store, _h.Artifacts, bus, _h.Delays, TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(_h.Options), NullLogger<WorkflowEngine>.Instance, _meters))
        {
            await StartWorkersAsync(stage);
            var run = await engine.RunAsync(new WorkflowDefinition("digest", [stage]), EngineHarness.Request()).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(RunState.Succeeded, run.State);
        }

        var task = Assert.Single(seen, m => m.Type == TaskQueues.RunStage);
        Assert.False(task.Headers!.ContainsKey(BusTraceContext.TraceParent), string.Join(", ", task.Headers.Keys));
    }

    private WorkflowEngine CreateEngine() => new(_h.Store, _h.Store, _h.Artifacts, _h.Bus, _h.Delays, TimeProvider.System,
        Microsoft.Extensions.Options.Options.Create(_h.Options), NullLogger<WorkflowEngine>.Instance, _meters);

    private void Measured(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, tag) in tags)
            copy[key] = tag;
        _measurements.Enqueue((instrument.Name, value, copy));
    }

    private static IEnumerable<double> Values((string Instrument, double Value, Dictionary<string, object?> Tags)[] measured, string name,
        (string Key, string Value)[] tags) =>
        measured.Where(m => m.Instrument == name && tags.All(t => Equals(m.Tags.GetValueOrDefault(t.Key), t.Value))).Select(m => m.Value);

    private static double Sum((string, double, Dictionary<string, object?>)[] measured, string name, params (string, string)[] tags) =>
        Values(measured, name, tags).Sum();

    private static int Count((string, double, Dictionary<string, object?>)[] measured, string name, params (string, string)[] tags) =>
        Values(measured, name, tags).Count();

    private async Task StartWorkersAsync(params TestStage[] stages)
    {
        var poller = new RetryPoller(_h.Delays, _h.Bus, TimeProvider.System, Microsoft.Extensions.Options.Options.Create(_h.Options), NullLogger<RetryPoller>.Instance);
        await poller.StartAsync(CancellationToken.None);
        _workers.Add(poller);
        foreach (var stage in stages)
        {
            var worker = new StageWorker(stage, _h.Bus, _h.Store, _h.Store, _h.Artifacts, TimeProvider.System, _h.Options,
                NullLogger<StageWorker>.Instance, WorkflowTelemetry.For(_meters));
            await worker.StartAsync(CancellationToken.None);
            _workers.Add(worker);
        }
    }

    /// <summary>The bus, remembering what was published.</summary>
    private sealed class Recording(IMessageBus inner, ConcurrentQueue<BusMessage> seen) : IMessageBus
    {
        public Task<string> PublishAsync(string stream, BusMessage message, CancellationToken cancellationToken = default)
        {
            seen.Enqueue(message);
            return inner.PublishAsync(stream, message, cancellationToken);
        }

        public Task<IReadOnlyList<BusDelivery>> ReadAsync(string stream, string group, string consumer, ConsumeOptions options, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(stream, group, consumer, options, cancellationToken);

        public Task AckAsync(BusDelivery delivery, CancellationToken cancellationToken = default) => inner.AckAsync(delivery, cancellationToken);

        public Task<bool> ExtendLeaseAsync(BusDelivery delivery, string consumer, TimeSpan lease, CancellationToken cancellationToken = default) =>
            inner.ExtendLeaseAsync(delivery, consumer, lease, cancellationToken);

        public Task<long> GetLagAsync(string stream, string group, CancellationToken cancellationToken = default) => inner.GetLagAsync(stream, group, cancellationToken);

        public Task DeleteGroupAsync(string stream, string group, CancellationToken cancellationToken = default) => inner.DeleteGroupAsync(stream, group, cancellationToken);
    }
}
