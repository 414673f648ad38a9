namespace Noa.Stages.Intake;

/// <summary>Exit code and output of one git command.</summary>
internal sealed record GitResult(int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last lines of stderr, credentials redacted, for a bad-input message.</summary>
    public string Reason
    {
        get
        {
            var lines = Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var tail = string.Join(" ", lines.TakeLast(3));
            return UrlRedactor.RedactText(tail.Length == 0 ? $"exit code {ExitCode}" : tail);
        }
    }
}
