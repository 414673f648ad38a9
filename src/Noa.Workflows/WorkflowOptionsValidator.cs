using Microsoft.Extensions.Options;

namespace Noa.Workflows;

/// <summary>Reports every invalid workflow option at startup, not just the first.</summary>
internal sealed class WorkflowOptionsValidator : IValidateOptions<WorkflowOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkflowOptions options)
    {
        var errors = new List<string>();
        if (options.MaxConcurrentActivities < 1)
            errors.Add($"Noa:Workflows:MaxConcurrentActivities must be at least 1 (was {options.MaxConcurrentActivities}).");
        if (string.IsNullOrWhiteSpace(options.WorkspaceRoot))
            errors.Add("Noa:Workflows:WorkspaceRoot must be set.");
        CheckTimeout("Noa:Workflows:DefaultStartToCloseTimeout", options.DefaultStartToCloseTimeout, errors);
        if (!Enum.IsDefined(options.Dispatch))
            errors.Add($"Noa:Workflows:Dispatch must be inProcess or bus (was {options.Dispatch}).");
        if (options.TaskLease < TimeSpan.FromMilliseconds(300))
            errors.Add($"Noa:Workflows:TaskLease must be at least 300 ms, since workers renew it every third (was {options.TaskLease}).");
        if (options.TaskMaxDeliveries < 1)
            errors.Add($"Noa:Workflows:TaskMaxDeliveries must be at least 1 (was {options.TaskMaxDeliveries}).");
        if (options.RetryPollInterval <= TimeSpan.Zero)
            errors.Add($"Noa:Workflows:RetryPollInterval must be positive (was {options.RetryPollInterval}).");
        if (options.RunLease < TimeSpan.FromMilliseconds(300))
            errors.Add($"Noa:Workflows:RunLease must be at least 300 ms, since engines renew it every third (was {options.RunLease}).");
        if (options.WorkspaceSweepInterval < TimeSpan.Zero)
            errors.Add($"Noa:Workflows:WorkspaceSweepInterval must be 0 (off) or positive (was {options.WorkspaceSweepInterval}).");
        if (options.WorkerSlots < 1)
            errors.Add($"Noa:Workflows:WorkerSlots must be at least 1 (was {options.WorkerSlots}).");
        CheckPolicy("Noa:Workflows:DefaultRetryPolicy", options.DefaultRetryPolicy, errors);
        foreach (var (stage, stageOptions) in options.Stages)
        {
            if (stageOptions.StartToCloseTimeout is { } timeout)
                CheckTimeout($"Noa:Workflows:Stages:{stage}:StartToCloseTimeout", timeout, errors);
            if (stageOptions.RetryPolicy is { } policy)
                CheckPolicy($"Noa:Workflows:Stages:{stage}:RetryPolicy", policy, errors);
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckTimeout(string key, TimeSpan timeout, List<string> errors)
    {
        if (timeout <= TimeSpan.Zero)
            errors.Add($"{key} must be positive (was {timeout}).");
    }

    private static void CheckPolicy(string key, RetryPolicy policy, List<string> errors)
    {
        if (policy.InitialInterval < TimeSpan.Zero)
            errors.Add($"{key}:InitialInterval must not be negative (was {policy.InitialInterval}).");
        if (policy.BackoffCoefficient < 1)
            errors.Add($"{key}:BackoffCoefficient must be at least 1 (was {policy.BackoffCoefficient}).");
        if (policy.MaximumInterval is { } max && max < policy.InitialInterval)
            errors.Add($"{key}:MaximumInterval must not be less than InitialInterval (was {max}).");
        if (policy.MaximumAttempts < 0)
            errors.Add($"{key}:MaximumAttempts must be 0 (unlimited) or more (was {policy.MaximumAttempts}).");
    }
}
