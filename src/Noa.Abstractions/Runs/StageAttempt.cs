namespace Noa.Abstractions;

/// <summary>One attempt at one stage of a run (an activity execution).</summary>
public sealed record StageAttempt
{
    /// <summary>The run.</summary>
    public required string RunId { get; init; }

    /// <summary>The stage name.</summary>
    public required string Stage { get; init; }

    /// <summary>Attempt number, starting at 1.</summary>
    public required int Attempt { get; init; }

    /// <summary>Null while the attempt is running; then how it ended.</summary>
    public StageStatus? Status { get; init; }

    /// <summary>When the attempt started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended; null while running.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Outcome summary for people.</summary>
    public string? Summary { get; init; }

    /// <summary>Failure kind (<see cref="StageFailure.ErrorType"/>) when failed.</summary>
    public string? ErrorType { get; init; }

    /// <summary>Failure message or gate rationale.</summary>
    public string? Message { get; init; }

    /// <summary>The worker that executes (or executed) the attempt when it was dispatched to a task queue; null in-process.
    /// A store keeps the last known worker when a later save leaves it null.</summary>
    public string? Worker { get; init; }

    /// <summary>When <see cref="Worker"/> last reported the attempt alive (its heartbeat).</summary>
    public DateTimeOffset? HeartbeatAt { get; init; }
}
