namespace Noa.Abstractions;

/// <summary>The result of one stage attempt.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Summary">One line for people (e.g. <c>1,204 files, 12.3 MB</c>).</param>
/// <param name="Failure">Set when <paramref name="Status"/> is <see cref="StageStatus.Failed"/>.</param>
/// <param name="GateReason">Set when <paramref name="Status"/> is <see cref="StageStatus.GateFailed"/>: the rationale recorded in the audit trail.</param>
public sealed record StageOutcome(StageStatus Status, string? Summary = null, StageFailure? Failure = null, string? GateReason = null)
{
    /// <summary>A successful outcome.</summary>
    public static StageOutcome Success(string? summary = null) => new(StageStatus.Succeeded, summary);

    /// <summary>A failed outcome caused by input the user must fix; never retried.</summary>
    public static StageOutcome BadInput(string message) =>
        new(StageStatus.Failed, Failure: new StageFailure(StageFailure.BadInput, message, NonRetryable: true));

    /// <summary>A failed outcome with a given error type.</summary>
    public static StageOutcome Fail(string errorType, string message, bool nonRetryable = false) =>
        new(StageStatus.Failed, Failure: new StageFailure(errorType, message, nonRetryable));

    /// <summary>A gate decision that blocks dependents requiring a pass.</summary>
    public static StageOutcome Gate(string reason, string? summary = null) => new(StageStatus.GateFailed, summary, GateReason: reason);
}
