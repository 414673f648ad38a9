using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>The payload of a <see cref="RetryPoller"/> item: a message to publish on <paramref name="Stream"/> once due.</summary>
internal sealed record DelayedMessage(string Stream, BusMessage Message)
{
    /// <summary>The <see cref="IDelayQueue"/> queue of bus-dispatched retries waiting for their backoff.</summary>
    public const string RetryQueue = "tasks.retries";

    /// <summary>The key of one attempt's task in <see cref="RetryQueue"/>.</summary>
    public static string Key(string runId, string stage, int attempt) => $"{runId}/{stage}/{attempt}";
}
