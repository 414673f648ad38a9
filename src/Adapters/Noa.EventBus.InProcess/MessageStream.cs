using Noa.Abstractions;

namespace Noa.EventBus.InProcess;

/// <summary>
/// One stream: its entries, its groups and the signal readers wait on. Every member is guarded by
/// locking the instance; readers await <see cref="Appended"/> outside the lock. Entry indexes are
/// global and keep counting when the oldest entries are trimmed away.
/// </summary>
internal sealed class MessageStream(int maxLength)
{
    private readonly List<StreamEntry> _entries = [];
    private readonly Dictionary<string, long> _indexById = new(StringComparer.Ordinal);
    private long _first;
    private long _lastMs = -1;
    private long _seqInMs;
    private TaskCompletionSource _appended = NewSignal();

    public Dictionary<string, ConsumerGroup> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>Index of the oldest entry still held.</summary>
    public long First => _first;

    /// <summary>Index the next appended entry will get.</summary>
    public long End => _first + _entries.Count;

    /// <summary>Completes at the next append; replaced by each append.</summary>
    public Task Appended => _appended.Task;

    public StreamEntry this[long index] => _entries[(int)(index - _first)];

    /// <summary>Appends with a Redis-style id <c>{ms}-{seq}</c>, monotonic even if the clock steps back.</summary>
    public string Append(BusMessage message, DateTimeOffset now)
    {
        var ms = Math.Max(now.ToUnixTimeMilliseconds(), _lastMs);
        _seqInMs = ms == _lastMs ? _seqInMs + 1 : 0;
        _lastMs = ms;
        var entry = new StreamEntry(End, $"{ms}-{_seqInMs}", message);
        _entries.Add(entry);
        _indexById[entry.Id] = entry.Index;
        Trim();
        var signal = _appended;
        _appended = NewSignal();
        signal.SetResult();
        return entry.Id;
    }

    public bool TryGetIndex(string id, out long index) => _indexById.TryGetValue(id, out index);

    // Like Redis' XADD MAXLEN ~: trimmed in batches (a tenth over the cap) so the cost is amortised.
    // Pending entries keep their own reference, so a trimmed entry can still be redelivered and acknowledged.
    private void Trim()
    {
        if (maxLength <= 0 || _entries.Count <= maxLength + Math.Max(1, maxLength / 10))
            return;
        var drop = _entries.Count - maxLength;
        foreach (var entry in _entries.Take(drop))
            _indexById.Remove(entry.Id);
        _entries.RemoveRange(0, drop);
        _first += drop;
    }

    // Continuations run off the publisher's thread so a publish never runs readers inline under the lock.
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
