namespace Noa.Workflows;

/// <summary>Options of the run scheduler, bound from configuration section <c>Noa:Workflows:Scheduler</c>.</summary>
public sealed class RunSchedulerOptions
{
    /// <summary>Runs this process executes at once; further requests wait on <c>runs.requests</c>.</summary>
    public int MaxConcurrentRuns { get; set; } = 2;

    /// <summary>How long a StartRun stays leased to this process before another scheduler may claim it and
    /// take the run over. The scheduler renews it every third while the run executes, so this bounds how long
    /// a dead orchestrator's runs wait, not how long a run may take.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Deliveries of one StartRun before it moves to <c>runs.requests:dead</c>.</summary>
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>How often the scheduler looks for open runs that nobody executes (also once at startup).</summary>
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Resumes of one run after which recovery fails it instead of resuming it again (a run that kills its process
    /// must not do so forever).</summary>
    public int MaxRecoveries { get; set; } = 3;

    /// <summary>How long one read of the request and control streams waits for a message.</summary>
    public TimeSpan ReadBlock { get; set; } = TimeSpan.FromSeconds(1);
}
