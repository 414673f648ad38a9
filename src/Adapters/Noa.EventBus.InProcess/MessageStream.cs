using Noa.Abstractions;

namespace Noa.EventBus.InProcess;

/// <summary>
/// One stream: its entries, its groups and the signal readers wait on. Every member is guarded by
/// locking the instance; readers await <see cref="Appended"/> outside the lock.
/// </summary>
internal sealed class MessageStream
{
    private readonly List<StreamEntry> _entries = [];
    private readonly Dictionary<string, long> _indexById = new(StringComparer.Ordinal);
    private long _lastMs = -1;
    private long _seqInMs;
    private TaskCompletionSource _appended = NewSignal();

    public Dictionary<string, ConsumerGroup> Groups { get; } = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>Completes at the next append; replaced by each append.</summary>
    public Task Appended => _appended.Task;

    public StreamEntry this[long index] => _entries[(int)index];

    /// <summary>Appends with a Redis-style id <c>{ms}-{seq}</c>, monotonic even if the clock steps back.</summary>
    public string Append(BusMessage message, DateTimeOffset now)
    {
        var ms = Math.Max(now.ToUnixTimeMilliseconds(), _lastMs);
        _seqInMs = ms == _lastMs ? _seqInMs + 1 : 0;
        _lastMs = ms;
        var entry = new StreamEntry(_entries.Count, $"{ms}-{_seqInMs}", message);
        _entries.Add(entry);
        _indexById[entry.Id] = entry.Index;
        var signal = _appended;
        _appended = NewSignal();
        signal.SetResult();
        return entry.Id;
    }

    public bool TryGetIndex(string id, out long index) => _indexById.TryGetValue(id, out index);

    // Continuations run off the publisher's thread so a publish never runs readers inline under the lock.
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
