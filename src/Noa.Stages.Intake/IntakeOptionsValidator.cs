using Microsoft.Extensions.Options;

namespace Noa.Stages.Intake;

/// <summary>Checks <see cref="IntakeOptions"/> at startup and reports every wrong setting at once.</summary>
internal sealed class IntakeOptionsValidator : IValidateOptions<IntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeOptions options)
    {
        var errors = new List<string>();
        Positive(options.MaxEntries, nameof(options.MaxEntries));
        Positive(options.MaxTotalBytes, nameof(options.MaxTotalBytes));
        Positive(options.MaxFileBytes, nameof(options.MaxFileBytes));
        Positive(options.MaxYamlNodes, nameof(options.MaxYamlNodes));
        Positive(options.MaxPathDepth, nameof(options.MaxPathDepth));
        Positive(options.MaxPathBytes, nameof(options.MaxPathBytes));
        Positive(options.MaxDocumentBytes, nameof(options.MaxDocumentBytes));
        Positive(options.MaxDownloadBytes, nameof(options.MaxDownloadBytes));
        if (options.CompressionRatioGraceBytes < 0)
        {
            errors.Add($"{IntakeOptions.SectionName}:{nameof(options.CompressionRatioGraceBytes)} must not be negative");
        }
        if (!(options.MaxCompressionRatio >= 1))
        {
            errors.Add($"{IntakeOptions.SectionName}:{nameof(options.MaxCompressionRatio)} must be at least 1");
        }
        if (options.GitTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{IntakeOptions.SectionName}:{nameof(options.GitTimeout)} must be positive");
        }
        if (options.DownloadTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{IntakeOptions.SectionName}:{nameof(options.DownloadTimeout)} must be positive");
        }
        if (string.IsNullOrWhiteSpace(options.GitExecutable))
        {
            errors.Add($"{IntakeOptions.SectionName}:{nameof(options.GitExecutable)} must name the git program");
        }
        foreach (var root in options.AllowedFileRoots ?? [])
        {
            if (!Path.IsPathFullyQualified(root))
            {
                errors.Add($"{IntakeOptions.SectionName}:{nameof(options.AllowedFileRoots)} entry '{root}' must be an absolute path");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

        void Positive(long value, string setting)
        {
            if (value <= 0)
            {
                errors.Add($"{IntakeOptions.SectionName}:{setting} must be positive");
            }
        }
    }
}
