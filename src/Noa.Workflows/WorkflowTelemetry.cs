using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Noa.Workflows;

/// <summary>
/// The workflow engine's spans and metrics, both named <c>Noa.Workflows</c>. Spans: <c>run {workflow}</c> (child of the
/// <c>StartRun</c>'s trace context, so of the gateway's request), <c>stage {stage}</c> under it, <c>attempt {stage}</c> per
/// attempt, and on a worker <c>execute {stage}</c>, a child of the attempt through the task's <c>traceparent</c>.
/// The meter comes from the host's <see cref="IMeterFactory"/>; one instance per factory, however many engines and workers
/// a process has, so each instrument exists once.
/// </summary>
internal sealed class WorkflowTelemetry
{
    public const string Name = "Noa.Workflows";

    /// <summary>The source of every workflow span; without a listener it starts none and costs nothing.</summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly ConditionalWeakTable<IMeterFactory, WorkflowTelemetry> ByFactory = [];

    private WorkflowTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        RunsStarted = meter.CreateCounter<long>("noa.workflow.runs.started", "{run}", "Runs that started executing (new or resumed), by workflow");
        RunsEnded = meter.CreateCounter<long>("noa.workflow.runs.ended", "{run}",
            "Runs that ended executing here, by workflow and outcome (succeeded, failed, blocked, cancelled, interrupted, lost)");
        RunDuration = meter.CreateHistogram<double>("noa.workflow.run.duration", "s", "One execution of a run, from its lease to its end, by outcome");
        StageDuration = meter.CreateHistogram<double>("noa.workflow.stage.duration", "s",
            "A stage of a run, from its first attempt to its result (retries and backoff included), by stage and outcome");
        Attempts = meter.CreateCounter<long>("noa.workflow.attempts", "{attempt}", "Ended stage attempts, by stage and status");
        Retries = meter.CreateCounter<long>("noa.workflow.retries", "{attempt}", "Failed attempts that are retried, by stage and error type");
        QueueWait = meter.CreateHistogram<double>("noa.workflow.queue.wait", "s",
            "Time a run waited on runs.requests before a scheduler leased it, or a task on tasks.{stage} before a worker took it, by queue");
        WorkerExecutions = meter.CreateHistogram<double>("noa.workflow.worker.execution.duration", "s",
            "One execution of a task by a stage worker, by stage and status");
    }

    public Counter<long> RunsStarted { get; }

    public Counter<long> RunsEnded { get; }

    public Histogram<double> RunDuration { get; }

    public Histogram<double> StageDuration { get; }

    public Counter<long> Attempts { get; }

    public Counter<long> Retries { get; }

    public Histogram<double> QueueWait { get; }

    public Histogram<double> WorkerExecutions { get; }

    public static WorkflowTelemetry For(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        return ByFactory.GetValue(meters, m => new WorkflowTelemetry(m));
    }

    /// <summary>Records a queue wait; a negative one (clocks of two machines) counts as none.</summary>
    public void Waited(string queue, TimeSpan wait) =>
        QueueWait.Record(Math.Max(0, wait.TotalSeconds), new KeyValuePair<string, object?>("noa.queue", queue));

    /// <summary>Marks a span failed with the reason, the way OpenTelemetry reads it.</summary>
    public static void Fail(Activity? activity, string? errorType, string? message)
    {
        if (activity is null)
            return;
        activity.SetStatus(ActivityStatusCode.Error, message);
        if (errorType is not null)
            activity.SetTag("error.type", errorType);
    }
}
