using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Noa.EventBus.Redis;

/// <summary>
/// Coalesces acknowledgements: one <c>XACK</c> per stream and group is in flight at a time, and the acks that arrive
/// meanwhile go out together in the next one. An ack alone goes out at once, so batching adds no wait when idle and
/// turns a worker's burst of acks into one command under load.
/// </summary>
internal sealed class AckBatcher(RedisConnector connector)
{
    private readonly ConcurrentDictionary<(string Stream, string Group), Queue> _queues = new();

    public Task AckAsync(string stream, string group, string id)
    {
        var queue = _queues.GetOrAdd((stream, group), static _ => new Queue());
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool flush;
        lock (queue)
        {
            queue.Pending.Add((id, done));
            flush = !queue.Flushing;
            queue.Flushing = true;
        }
        if (flush)
            _ = FlushAsync(stream, group, queue);
        return done.Task;
    }

    private async Task FlushAsync(string stream, string group, Queue queue)
    {
        while (true)
        {
            List<(string Id, TaskCompletionSource Done)> batch;
            lock (queue)
            {
                if (queue.Pending.Count == 0)
                {
                    queue.Flushing = false;
                    return;
                }
                batch = queue.Pending;
                queue.Pending = [];
            }
            try
            {
                var db = await connector.DatabaseAsync();
                var ids = new RedisValue[batch.Count];
                for (var i = 0; i < ids.Length; i++)
                    ids[i] = batch[i].Id;
                await db.StreamAcknowledgeAsync(stream, group, ids);
                foreach (var (_, done) in batch)
                    done.TrySetResult();
            }
            catch (Exception e)
            {
                foreach (var (_, done) in batch)
                    done.TrySetException(e);
            }
        }
    }

    private sealed class Queue
    {
        public List<(string Id, TaskCompletionSource Done)> Pending { get; set; } = [];

        public bool Flushing { get; set; }
    }
}
