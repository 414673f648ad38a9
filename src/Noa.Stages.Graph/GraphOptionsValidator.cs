using Microsoft.Extensions.Options;

namespace Noa.Stages.Graph;

/// <summary>Reports every invalid graph option at startup.</summary>
internal sealed class GraphOptionsValidator : IValidateOptions<GraphOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphOptions options)
    {
        var errors = new List<string>();
        if (options.MaxFileBytes is < 1024 or > 64 * 1024 * 1024)
        {
            errors.Add($"{GraphOptions.Section}:MaxFileBytes must be between 1024 and 67108864 bytes, not {options.MaxFileBytes}.");
        }
        if (options.ParseTimeoutSeconds is < 1 or > 3600)
        {
            errors.Add($"{GraphOptions.Section}:ParseTimeoutSeconds must be between 1 and 3600, not {options.ParseTimeoutSeconds}.");
        }
        if (options.MaxDegreeOfParallelism is < 0 or > 256)
        {
            errors.Add($"{GraphOptions.Section}:MaxDegreeOfParallelism must be between 0 (one per processor) and 256, not {options.MaxDegreeOfParallelism}.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
