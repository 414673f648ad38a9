using System.Collections.Concurrent;

namespace Noa.EventBus.Redis;

/// <summary>Reuses dedicated blocking connections, at most <see cref="RedisBusSettings.MaxBlockingConnections"/> of them.</summary>
internal sealed class BlockingReaderPool(RedisConnector connector) : IAsyncDisposable
{
    private readonly ConcurrentBag<BlockingReader> _idle = [];
    private int _open;
    private bool _disposed;

    /// <summary>An idle or new reader, or null when all are busy (the caller then polls).</summary>
    public async Task<BlockingReader?> RentAsync()
    {
        if (_idle.TryTake(out var reader))
            return reader;
        if (Interlocked.Increment(ref _open) > connector.Settings.MaxBlockingConnections)
        {
            Interlocked.Decrement(ref _open);
            return null;
        }
        try
        {
            return await BlockingReader.OpenAsync(connector);
        }
        catch
        {
            Interlocked.Decrement(ref _open);
            throw;
        }
    }

    public async ValueTask ReturnAsync(BlockingReader reader)
    {
        if (!reader.Broken && !Volatile.Read(ref _disposed))
        {
            _idle.Add(reader);
            return;
        }
        Interlocked.Decrement(ref _open);
        await reader.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _disposed, true);
        while (_idle.TryTake(out var reader))
            await reader.DisposeAsync();
    }
}
