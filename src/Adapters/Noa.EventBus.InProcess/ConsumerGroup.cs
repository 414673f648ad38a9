namespace Noa.EventBus.InProcess;

/// <summary>A consumer group: how far it has read, and what it holds pending.</summary>
internal sealed class ConsumerGroup
{
    /// <summary>Index of the first entry not yet delivered to the group.</summary>
    public long NextIndex { get; set; }

    /// <summary>Pending entries by stream index, so redelivery keeps stream order.</summary>
    public SortedDictionary<long, PendingEntry> Pending { get; } = [];
}
