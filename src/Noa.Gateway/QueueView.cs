namespace Noa.Gateway;

/// <summary>A queue as <c>/admin/queues</c> shows it.</summary>
/// <param name="Stream">The stream.</param>
/// <param name="Group">The consumer group that works it.</param>
/// <param name="Lag">Messages the group has not received yet, plus those pending (received, not acknowledged).</param>
/// <param name="DeadStream">Its dead-letter stream.</param>
/// <param name="DeadLetters">Dead letters not replayed yet.</param>
internal sealed record QueueView(string Stream, string Group, long Lag, string DeadStream, long DeadLetters);
