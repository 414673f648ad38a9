namespace Noa.EventBus.InProcess;

/// <summary>Settings of the in-process bus.</summary>
public sealed class InProcessBusSettings
{
    /// <summary>
    /// Entries kept per stream; older ones are trimmed, as with Redis' <c>XADD MAXLEN ~</c>, so a
    /// long-running process does not grow without bound. A group that falls further behind loses the
    /// trimmed entries. 0 keeps everything.
    /// </summary>
    public int MaxStreamLength { get; set; } = 100_000;
}
