namespace Noa.Abstractions;

/// <summary>
/// Timers that outlive the process that set them: items with a due time, kept in due order (on Redis a sorted set of
/// due times). Pollers claim due items; a claim hides the item from other pollers for a lease, so each due item goes to
/// one poller, and an item claimed but never completed (its poller died) is due again when the lease runs out:
/// at-least-once. A key is unique in its queue: scheduling it again replaces its payload and due time.
/// Implementations: in-process (on a <see cref="TimeProvider"/>), Redis.
/// </summary>
public interface IDelayQueue
{
    /// <summary>Schedules (or reschedules) <paramref name="key"/> with its payload for <paramref name="dueAt"/>.</summary>
    Task ScheduleAsync(string queue, string key, string payload, DateTimeOffset dueAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="max"/> items due now, earliest first, each for <paramref name="lease"/>: until then no
    /// other claim returns it. Complete each one handled with <see cref="CompleteAsync"/>.
    /// </summary>
    Task<IReadOnlyList<DelayedItem>> ClaimDueAsync(string queue, int max, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Removes a claimed item, unless it was rescheduled or claimed again since; returns whether it was removed.</summary>
    Task<bool> CompleteAsync(string queue, DelayedItem claimed, CancellationToken cancellationToken = default);

    /// <summary>Removes an item whatever its state; returns whether there was one.</summary>
    Task<bool> CancelAsync(string queue, string key, CancellationToken cancellationToken = default);
}
