namespace Noa.Workflows;

/// <summary>How a failed activity is retried, with Temporal's names and defaults.</summary>
public sealed record RetryPolicy
{
    /// <summary>Delay before the first retry.</summary>
    public TimeSpan InitialInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Each further delay is the previous one times this.</summary>
    public double BackoffCoefficient { get; init; } = 2.0;

    /// <summary>Cap on the delay; null means 100 × <see cref="InitialInterval"/>.</summary>
    public TimeSpan? MaximumInterval { get; init; }

    /// <summary>Attempts in all, the first included; 0 means unlimited.</summary>
    public int MaximumAttempts { get; init; } = 3;

    /// <summary>Failure error types (or exception type names) that are never retried, besides <see cref="Deterministic"/>.</summary>
    public IReadOnlyList<string> NonRetryableErrorTypes { get; init; } = [];

    /// <summary>Error types no policy retries, whatever it lists: bad input (the same input fails the same way) and a full
    /// disk (retrying at once only fills it again).</summary>
    public static IReadOnlyList<string> Deterministic { get; } = [Noa.Abstractions.StageFailure.BadInput, DiskFull.ErrorType, nameof(Noa.Abstractions.BadInputException)];

    /// <summary>The delay after failed attempt number <paramref name="attempt"/> (1-based) before the next one.</summary>
    public TimeSpan DelayFor(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var cap = MaximumInterval ?? InitialInterval * 100;
        var ticks = InitialInterval.Ticks * Math.Pow(BackoffCoefficient, attempt - 1);
        return double.IsFinite(ticks) && ticks < cap.Ticks ? TimeSpan.FromTicks((long)ticks) : cap;
    }

    /// <summary>Whether another attempt is allowed after <paramref name="attemptsMade"/> attempts.</summary>
    public bool AllowsAnotherAttempt(int attemptsMade) => MaximumAttempts <= 0 || attemptsMade < MaximumAttempts;

    /// <summary>Whether failures of this error type are never retried.</summary>
    public bool IsNonRetryable(string errorType) =>
        Deterministic.Contains(errorType, StringComparer.Ordinal) || NonRetryableErrorTypes.Contains(errorType, StringComparer.Ordinal);
}
