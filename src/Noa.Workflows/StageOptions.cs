namespace Noa.Workflows;

/// <summary>Per-stage overrides of the workflow defaults (configuration <c>Noa:Workflows:Stages:{stage}</c>).</summary>
public sealed class StageOptions
{
    /// <summary>Limit on one attempt of the stage; null uses <see cref="WorkflowOptions.DefaultStartToCloseTimeout"/>.</summary>
    public TimeSpan? StartToCloseTimeout { get; set; }

    /// <summary>Retry policy of the stage; null uses <see cref="WorkflowOptions.DefaultRetryPolicy"/>.</summary>
    public RetryPolicy? RetryPolicy { get; set; }
}
