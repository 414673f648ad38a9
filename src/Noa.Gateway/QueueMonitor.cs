using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary>Samples the lag of every queue (and its dead-letter stream) for <c>/metrics</c>, so a scrape never waits on the bus.</summary>
internal sealed partial class QueueMonitor(IMessageBus bus, TimeProvider time, IOptions<GatewayOptions> options, ILogger<QueueMonitor> logger) : BackgroundService
{
    /// <summary>The group that replays dead letters; its lag is the number of dead letters not yet replayed.</summary>
    public const string ReplayGroup = "replay";

    private readonly ConcurrentDictionary<string, long> _lag = new(StringComparer.Ordinal);

    public IEnumerable<Measurement<long>> Sample() =>
        _lag.Select(kv => new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("stream", kv.Key)));

    /// <summary>Lag of each queue and of its dead-letter stream, read now.</summary>
    public async Task<IReadOnlyList<QueueView>> ReadAsync(CancellationToken cancellationToken)
    {
        var views = new List<QueueView>();
        foreach (var (stream, group) in options.Value.AllQueues)
        {
            var lag = await bus.GetLagAsync(stream, group, cancellationToken);
            var dead = await bus.GetLagAsync(stream + StreamNames.DeadSuffix, ReplayGroup, cancellationToken);
            _lag[stream] = lag;
            _lag[stream + StreamNames.DeadSuffix] = dead;
            views.Add(new QueueView(stream, group, lag, stream + StreamNames.DeadSuffix, dead));
        }
        return views;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.QueueSampleInterval, time);
        do
        {
            try
            {
                await ReadAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.SampleFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default));
    }

    private static partial class Log
    {
        [LoggerMessage(LogEvents.QueueSampleFailed, LogLevel.Warning, "Could not sample queue lag")]
        public static partial void SampleFailed(ILogger logger, Exception exception);
    }
}
