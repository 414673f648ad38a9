using Microsoft.Extensions.Options;

namespace Noa.Workflows;

/// <summary>Reports every invalid scheduler option at startup, not just the first.</summary>
internal sealed class RunSchedulerOptionsValidator : IValidateOptions<RunSchedulerOptions>
{
    private const string Section = "Noa:Workflows:Scheduler";

    public ValidateOptionsResult Validate(string? name, RunSchedulerOptions options)
    {
        var errors = new List<string>();
        if (options.MaxConcurrentRuns < 1)
            errors.Add($"{Section}:MaxConcurrentRuns must be at least 1 (was {options.MaxConcurrentRuns}).");
        if (options.Lease <= TimeSpan.Zero)
            errors.Add($"{Section}:Lease must be positive (was {options.Lease}).");
        if (options.MaxDeliveries < 1)
            errors.Add($"{Section}:MaxDeliveries must be at least 1 (was {options.MaxDeliveries}).");
        if (options.RecoveryInterval <= TimeSpan.Zero)
            errors.Add($"{Section}:RecoveryInterval must be positive (was {options.RecoveryInterval}).");
        if (options.MaxRecoveries < 1)
            errors.Add($"{Section}:MaxRecoveries must be at least 1 (was {options.MaxRecoveries}).");
        if (options.ReadBlock <= TimeSpan.Zero || options.ReadBlock > TimeSpan.FromMinutes(1))
            errors.Add($"{Section}:ReadBlock must be between 0 and 1 minute (was {options.ReadBlock}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
