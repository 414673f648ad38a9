namespace Noa.Abstractions;

/// <summary>
/// A request to execute a run that was recorded as <see cref="RunState.Queued"/>: published by the gateway on
/// <see cref="Stream"/>, consumed by the run schedulers of the consumer group <see cref="Group"/>.
/// Delivery is at-least-once, so a scheduler ignores a StartRun whose run is no longer queued.
/// </summary>
/// <param name="RunId">The queued run.</param>
public sealed record StartRun(string RunId)
{
    /// <summary>The stream of run requests.</summary>
    public const string Stream = "runs.requests";

    /// <summary>The consumer group of the run schedulers; its lag is the queue depth.</summary>
    public const string Group = "scheduler";

    /// <summary>The <see cref="BusMessage.Type"/> of the message.</summary>
    public const string MessageType = nameof(StartRun);
}
