namespace Noa.Workflows;

/// <summary>Options of the workflow engine, bound from configuration section <c>Noa:Workflows</c>.</summary>
public sealed class WorkflowOptions
{
    /// <summary>Stage attempts executing at once in this process, across all runs.</summary>
    public int MaxConcurrentActivities { get; set; } = Environment.ProcessorCount;

    /// <summary>Folder of the per-run scratch space: <c>{WorkspaceRoot}/{runId}/{stage}</c>.</summary>
    public string WorkspaceRoot { get; set; } = Path.Combine(Path.GetTempPath(), "noa", "workspaces");

    /// <summary>Retry policy of stages without their own.</summary>
    public RetryPolicy DefaultRetryPolicy { get; set; } = new();

    /// <summary>Limit on one attempt of stages without their own.</summary>
    public TimeSpan DefaultStartToCloseTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Where activities execute: in this process, or on the stages' task queues (<c>tasks.{stage}</c>) by stage workers.</summary>
    public ActivityDispatch Dispatch { get; set; } = ActivityDispatch.InProcess;

    /// <summary>How long a worker holds a task before the bus redelivers it to another worker; a live worker renews it every third.</summary>
    public TimeSpan TaskLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries of one task before it moves to <c>tasks.{stage}:dead</c> (the engine then times the attempt out and retries it).</summary>
    public int TaskMaxDeliveries { get; set; } = 5;

    /// <summary>
    /// With bus dispatch, how often this process looks for retries whose backoff is over (they wait in the
    /// <c>IDelayQueue</c>, not in the engine); a retry starts up to this much after its due time.
    /// </summary>
    public TimeSpan RetryPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the run store keeps a run leased to the process executing it (renewed every third). An open run whose lease
    /// ran out is orphaned: a run scheduler resumes it (or fails it), and a cancel ends it at once. A holder on the same host
    /// that no longer exists is recognised at once, without waiting for its lease.
    /// </summary>
    public TimeSpan RunLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often this process removes the workspaces of runs that have ended (also once at startup); 0 turns the janitor off.</summary>
    public TimeSpan WorkspaceSweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Tasks each stage worker of this process executes at once.</summary>
    public int WorkerSlots { get; set; } = 2;

    /// <summary>Per-stage overrides, by stage name.</summary>
    public Dictionary<string, StageOptions> Stages { get; set; } = new(StringComparer.Ordinal);

    internal RetryPolicy RetryPolicyFor(string stage) =>
        Stages.GetValueOrDefault(stage)?.RetryPolicy ?? DefaultRetryPolicy;

    internal TimeSpan StartToCloseTimeoutFor(string stage) =>
        Stages.GetValueOrDefault(stage)?.StartToCloseTimeout ?? DefaultStartToCloseTimeout;
}
