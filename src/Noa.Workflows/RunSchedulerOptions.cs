namespace Noa.Workflows;

/// <summary>Options of the run scheduler, bound from configuration section <c>Noa:Workflows:Scheduler</c>.</summary>
public sealed class RunSchedulerOptions
{
    /// <summary>Runs this process executes at once; further requests wait on <c>runs.requests</c>.</summary>
    public int MaxConcurrentRuns { get; set; } = 2;

    /// <summary>How long a StartRun stays leased to this process before another scheduler may claim it.
    /// A request is acknowledged when its run ends, so this should exceed a run's usual length.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Deliveries of one StartRun before it moves to <c>runs.requests:dead</c>.</summary>
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>How long one read of the request and control streams waits for a message.</summary>
    public TimeSpan ReadBlock { get; set; } = TimeSpan.FromSeconds(1);
}
