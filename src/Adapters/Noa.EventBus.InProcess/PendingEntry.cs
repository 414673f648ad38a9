namespace Noa.EventBus.InProcess;

/// <summary>A delivered, not yet acknowledged entry of a group (an entry of Redis's pending entries list).</summary>
internal sealed class PendingEntry(StreamEntry entry)
{
    public StreamEntry Entry { get; } = entry;

    public string Consumer { get; set; } = "";

    public int DeliveryCount { get; set; }

    public DateTimeOffset LeaseExpiresAt { get; set; }
}
