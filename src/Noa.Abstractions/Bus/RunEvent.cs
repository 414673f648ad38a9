namespace Noa.Abstractions;

/// <summary>
/// A fact about a run, published on the <see cref="Stream"/> stream as a <see cref="BusMessage"/>
/// whose <see cref="BusMessage.Type"/> is <see cref="Type"/> and whose body is this record as JSON.
/// </summary>
public sealed record RunEvent
{
    /// <summary>The stream all run events go to.</summary>
    public const string Stream = "runs.events";

    /// <summary>Past-tense event name: <c>RunStarted</c>, <c>StageStarted</c>, <c>StageProgressed</c>,
    /// <c>StageCompleted</c>, <c>StageFailed</c>, <c>StageRetrying</c>, <c>StageSkipped</c>, <c>GateFailed</c>, <c>RunCompleted</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The run.</summary>
    public required string RunId { get; init; }

    /// <summary>When it happened.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The stage, for stage events.</summary>
    public string? Stage { get; init; }

    /// <summary>The attempt number, for stage events.</summary>
    public int? Attempt { get; init; }

    /// <summary>Run state (for <c>RunCompleted</c>) or stage status.</summary>
    public string? Status { get; init; }

    /// <summary>Outcome summary, failure message or gate rationale.</summary>
    public string? Message { get; init; }

    /// <summary>Progress: units done.</summary>
    public long? Done { get; init; }

    /// <summary>Progress: units in all, when known.</summary>
    public long? Total { get; init; }

    /// <summary>Progress: what is counted.</summary>
    public string? Unit { get; init; }
}
