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

    /// <summary>Per-stage overrides, by stage name.</summary>
    public Dictionary<string, StageOptions> Stages { get; set; } = new(StringComparer.Ordinal);

    internal RetryPolicy RetryPolicyFor(string stage) =>
        Stages.GetValueOrDefault(stage)?.RetryPolicy ?? DefaultRetryPolicy;

    internal TimeSpan StartToCloseTimeoutFor(string stage) =>
        Stages.GetValueOrDefault(stage)?.StartToCloseTimeout ?? DefaultStartToCloseTimeout;
}
