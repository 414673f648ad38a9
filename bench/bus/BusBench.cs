using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Noa.Abstractions;
using Noa.EventBus.Redis;
using StackExchange.Redis;

namespace Noa.Bench.Bus;

/// <summary>
/// Runs tasks through the Redis Streams bus: a producer publishes, workers (each its own bus, so its own connections,
/// as separate processes would have) read and acknowledge. A task's latency runs from just before its publish to the
/// end of its acknowledgement.
/// </summary>
internal sealed class BusBench(string address) : IAsyncDisposable
{
    private const string Group = "workers";
    private readonly List<ServiceProvider> _providers = [];
    private readonly List<string> _streams = [];

    /// <summary>As fast as the producer can go, with up to <paramref name="window"/> publishes in flight.</summary>
    public Task<BenchResult> ThroughputAsync(RedisReadMode mode, int workers, int tasks, int batch, int window = 256) =>
        RunAsync("max rate", mode, workers, tasks, batch, async (publish, total, _) =>
        {
            using var slots = new SemaphoreSlim(window);
            var pending = new List<Task>(total);
            for (var i = 0; i < total; i++)
            {
                await slots.WaitAsync();
                pending.Add(Release(publish(i), slots));
            }
            await Task.WhenAll(pending);
        });

    /// <summary>Tasks published at a steady <paramref name="rate"/> per second (catching up after each timer tick).</summary>
    public Task<BenchResult> PacedAsync(RedisReadMode mode, int workers, int rate, TimeSpan duration, int batch)
    {
        var total = (int)(rate * duration.TotalSeconds);
        return RunAsync($"paced {rate}/s", mode, workers, total, batch, async (publish, n, _) =>
        {
            var period = (double)Stopwatch.Frequency / rate;
            var start = Stopwatch.GetTimestamp();
            var pending = new List<Task>(n);
            for (var i = 0; i < n;)
            {
                var due = start + (long)(i * period);
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
                    continue;
                }
                pending.Add(publish(i++));
            }
            await Task.WhenAll(pending);
        });
    }

    /// <summary>One task at a time, the next published 2 ms after the previous one was acknowledged: the wake-up path alone.</summary>
    public Task<BenchResult> OneAtATimeAsync(RedisReadMode mode, int tasks) =>
        RunAsync("one at a time", mode, 1, tasks, 1, async (publish, total, acked) =>
        {
            for (var i = 0; i < total; i++)
            {
                await publish(i);
                await acked.WaitAsync();
                await Task.Delay(2);
            }
        });

    /// <summary>The floor under the bus: bare StackExchange.Redis XADD round trips at the same pace, no bus, no worker.</summary>
    public async Task<BenchResult> RawXaddPacedAsync(int rate, TimeSpan duration)
    {
        var stream = $"noa-bench-raw-{Guid.NewGuid():N}";
        _streams.Add(stream);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(address);
        var db = redis.GetDatabase();
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new long[total];
        var period = (double)Stopwatch.Frequency / rate;
        var pending = new List<Task>(total);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < total;)
        {
            var wait = started + (long)(i * period) - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
                continue;
            }
            pending.Add(Add(i++));
        }
        await Task.WhenAll(pending);
        return BenchResult.From($"paced {rate}/s, bare XADD (no bus)", "—", 0, Stopwatch.GetElapsedTime(started).TotalSeconds, latencies);

        async Task Add(int index)
        {
            var enqueued = Stopwatch.GetTimestamp();
            await db.StreamAddAsync(stream, "f", "v", maxLength: 100_000, useApproximateMaxLength: true);
            latencies[index] = Stopwatch.GetTimestamp() - enqueued;
        }
    }

    private async Task<BenchResult> RunAsync(string scenario, RedisReadMode mode, int workers, int tasks, int batch,
        Func<Func<int, Task>, int, SemaphoreSlim, Task> produce)
    {
        var stream = $"noa-bench-{Guid.NewGuid():N}";
        _streams.Add(stream);
        var producer = NewBus(mode);
        var options = new ConsumeOptions { MaxMessages = batch, Block = TimeSpan.FromSeconds(1), Lease = TimeSpan.FromSeconds(30) };
        var latencies = new long[tasks];
        var done = 0;
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var acked = new SemaphoreSlim(0);
        using var stop = new CancellationTokenSource();

        var buses = Enumerable.Range(0, workers).Select(_ => NewBus(mode)).ToList();
        // Creates the group, and the dedicated connections warm up before the clock starts.
        await buses[0].ReadAsync(stream, Group, "w0", options with { Block = TimeSpan.Zero });
        var running = buses.Select((bus, w) => Task.Run(() => WorkAsync(bus, stream, $"w{w}", options, latencies, () =>
        {
            acked.Release();
            if (Interlocked.Increment(ref done) == tasks)
                allDone.TrySetResult();
        }, stop.Token))).ToList();

        var started = Stopwatch.GetTimestamp();
        await produce(async i => await producer.PublishAsync(stream, new BusMessage("Bench",
            string.Create(CultureInfo.InvariantCulture, $"{i}:{Stopwatch.GetTimestamp()}"))), tasks, acked);
        await allDone.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(running.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        return BenchResult.From(scenario, mode.ToString().ToLowerInvariant(), workers, seconds, latencies);
    }

    private static async Task WorkAsync(IMessageBus bus, string stream, string consumer, ConsumeOptions options, long[] latencies,
        Action completed, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var read = await bus.ReadAsync(stream, Group, consumer, options, stop);
            await Task.WhenAll(read.Select(async d =>
            {
                var body = d.Message.Body;
                var colon = body.IndexOf(':', StringComparison.Ordinal);
                var index = int.Parse(body.AsSpan(0, colon), CultureInfo.InvariantCulture);
                var enqueued = long.Parse(body.AsSpan(colon + 1), CultureInfo.InvariantCulture);
                await bus.AckAsync(d, CancellationToken.None);
                latencies[index] = Stopwatch.GetTimestamp() - enqueued;
                completed();
            }));
        }
    }

    private static async Task Release(Task publish, SemaphoreSlim slots)
    {
        try
        {
            await publish;
        }
        finally
        {
            slots.Release();
        }
    }

    private IMessageBus NewBus(RedisReadMode mode)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddRedisBus(s =>
        {
            s.ConnectionString = address;
            s.ReadMode = mode;
            s.DisableHealthChecks = true;
        });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IMessageBus>();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
            await provider.DisposeAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(address);
        foreach (var stream in _streams)
            await redis.GetDatabase().KeyDeleteAsync(stream);
    }
}
