namespace Noa.Safety.Secrets.Adapters;

/// <summary>The outcome of running an external scanner.</summary>
/// <param name="Tool">The scanner's name (<c>gitleaks</c>, <c>trivy</c>).</param>
/// <param name="Status">Whether it ran.</param>
/// <param name="Findings">Its findings, normalised and redacted.</param>
/// <param name="Detail">Why it did not run or failed (stderr excerpt), else the command line.</param>
public sealed record ExternalScanResult(string Tool, ExternalScanStatus Status, IReadOnlyList<SecretFinding> Findings, string Detail);

/// <summary>Whether an external scanner ran.</summary>
public enum ExternalScanStatus
{
    /// <summary>It ran and its report was read.</summary>
    Completed,
    /// <summary>Not installed: neither configured nor on PATH.</summary>
    NotInstalled,
    /// <summary>It ran and failed, or its report could not be read.</summary>
    Failed,
}
