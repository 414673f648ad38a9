using System.Collections.Concurrent;
using Noa.Abstractions;

namespace Noa.Gateway.Tests;

/// <summary>A bus that remembers which consumer groups were read and which were deleted, and otherwise is the bus it wraps.</summary>
internal sealed class GroupRecordingBus(IMessageBus inner) : IMessageBus
{
    public ConcurrentDictionary<(string Stream, string Group), bool> Read { get; } = new();

    public ConcurrentQueue<(string Stream, string Group)> Deleted { get; } = new();

    public Task<string> PublishAsync(string stream, BusMessage message, CancellationToken cancellationToken = default) =>
        inner.PublishAsync(stream, message, cancellationToken);

    public Task<IReadOnlyList<BusDelivery>> ReadAsync(string stream, string group, string consumer, ConsumeOptions options, CancellationToken cancellationToken = default)
    {
        Read[(stream, group)] = true;
        return inner.ReadAsync(stream, group, consumer, options, cancellationToken);
    }

    public Task AckAsync(BusDelivery delivery, CancellationToken cancellationToken = default) => inner.AckAsync(delivery, cancellationToken);

    public Task<bool> ExtendLeaseAsync(BusDelivery delivery, string consumer, TimeSpan lease, CancellationToken cancellationToken = default) =>
        inner.ExtendLeaseAsync(delivery, consumer, lease, cancellationToken);

    public Task<long> GetLagAsync(string stream, string group, CancellationToken cancellationToken = default) =>
        inner.GetLagAsync(stream, group, cancellationToken);

    public Task DeleteGroupAsync(string stream, string group, CancellationToken cancellationToken = default)
    {
        Deleted.Enqueue((stream, group));
        return inner.DeleteGroupAsync(stream, group, cancellationToken);
    }
}
