using Microsoft.Extensions.Options;

namespace Noa.Stages.Classifier;

/// <summary>Reports every invalid classifier option at startup, not only the first.</summary>
internal sealed class ClassifierOptionsValidator : IValidateOptions<ClassifierOptions>
{
    public ValidateOptionsResult Validate(string? name, ClassifierOptions options)
    {
        var errors = new List<string>();
        if (options.MaxBytesPerFile is < 8 * 1024 or > 16 * 1024 * 1024)
        {
            errors.Add($"{ClassifierOptions.Section}:MaxBytesPerFile must be between 8192 and 16777216 bytes, not {options.MaxBytesPerFile}.");
        }
        if (options.MaxDegreeOfParallelism is < 0 or > 256)
        {
            errors.Add($"{ClassifierOptions.Section}:MaxDegreeOfParallelism must be between 0 (one per processor) and 256, not {options.MaxDegreeOfParallelism}.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
