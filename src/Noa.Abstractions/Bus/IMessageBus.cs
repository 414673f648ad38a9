namespace Noa.Abstractions;

/// <summary>
/// The event bus and task queue, in Redis Streams' terms: messages are appended to streams and read
/// by consumer groups; each message of a group goes to one consumer and stays pending until acknowledged.
/// Delivery is at-least-once: a pending message whose lease expires is redelivered, and after
/// <see cref="ConsumeOptions.MaxDeliveries"/> it moves to the dead-letter stream <c>{stream}:dead</c>.
/// Implementations: in-process (channels), Redis Streams, NATS JetStream.
/// </summary>
public interface IMessageBus
{
    /// <summary>Appends a message to a stream and returns its entry id.</summary>
    Task<string> PublishAsync(string stream, BusMessage message, CancellationToken cancellationToken = default);

    /// <summary>Reads messages for one consumer of a group (creating the group at the stream's start if new):
    /// redelivered messages whose lease expired first, then new ones; waits up to <see cref="ConsumeOptions.Block"/>.</summary>
    Task<IReadOnlyList<BusDelivery>> ReadAsync(string stream, string group, string consumer, ConsumeOptions options, CancellationToken cancellationToken = default);

    /// <summary>Acknowledges a delivery so it is never redelivered.</summary>
    Task AckAsync(BusDelivery delivery, CancellationToken cancellationToken = default);

    /// <summary>
    /// A heartbeat: renews the lease of a delivery that <paramref name="consumer"/> still holds, so that it is not
    /// redelivered before <paramref name="lease"/> from now (servers that fix the lease per group, such as NATS,
    /// renew it by the group's lease). Returns false when the consumer no longer holds it: it was acknowledged, or
    /// its lease ran out and another consumer claimed it. The delivery count does not change.
    /// </summary>
    Task<bool> ExtendLeaseAsync(BusDelivery delivery, string consumer, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Number of entries in the stream that the group has not yet received, plus those pending.</summary>
    Task<long> GetLagAsync(string stream, string group, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes a consumer group with its consumers and pending entries (<c>XGROUP DESTROY</c>); the stream and other
    /// groups are untouched, and a later read of the same name creates the group afresh at the stream's start. For groups
    /// of one reader (a connection, a process instance) when it stops; never for a shared group whose pending entries
    /// another consumer must still receive. Does nothing when the stream or the group does not exist.
    /// </summary>
    Task DeleteGroupAsync(string stream, string group, CancellationToken cancellationToken = default);
}
