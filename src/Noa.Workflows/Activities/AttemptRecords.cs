using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>How an attempt's outcome is written on its record, and read back from it.</summary>
internal static class AttemptRecords
{
    /// <summary>The attempt ended with <paramref name="outcome"/> at <paramref name="at"/>.</summary>
    public static StageAttempt Ended(StageAttempt attempt, StageOutcome outcome, DateTimeOffset at)
    {
        var ended = attempt with { EndedAt = at, Status = outcome.Status, Summary = outcome.Summary };
        return outcome.Status switch
        {
            StageStatus.GateFailed => ended with { Message = outcome.GateReason ?? "gate failed" },
            StageStatus.Failed => ended with
            {
                ErrorType = outcome.Failure?.ErrorType ?? StageFailure.Unhandled,
                Message = outcome.Failure?.Message ?? $"stage '{attempt.Stage}' returned Failed without a failure",
            },
            _ => ended,
        };
    }

    /// <summary>The outcome an ended record stands for; whether a failure was retryable is not stored, so only bad input counts as not.</summary>
    public static StageOutcome OutcomeOf(StageAttempt attempt, StageStatus status) => status switch
    {
        StageStatus.GateFailed => StageOutcome.Gate(attempt.Message ?? "gate failed", attempt.Summary),
        StageStatus.Failed => StageOutcome.Fail(attempt.ErrorType ?? StageFailure.Unhandled, attempt.Message ?? "failed",
            nonRetryable: attempt.ErrorType == StageFailure.BadInput),
        _ => new StageOutcome(status, attempt.Summary),
    };
}
