namespace Noa.Abstractions;

/// <summary>
/// A request to cancel a run, published on <see cref="Stream"/>. Every scheduler instance reads the stream
/// with a consumer group of its own, so each sees every request and cancels the run if it executes it.
/// </summary>
/// <param name="RunId">The run to cancel.</param>
/// <param name="RequestedBy">Who asked (an API key id).</param>
public sealed record CancelRun(string RunId, string RequestedBy)
{
    /// <summary>The stream of run control messages.</summary>
    public const string Stream = "runs.control";

    /// <summary>The <see cref="BusMessage.Type"/> of the message.</summary>
    public const string MessageType = nameof(CancelRun);
}
