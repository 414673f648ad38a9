using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>
/// With bus dispatch, publishes the retries whose backoff is over: claims due items of <see cref="DelayedMessage.RetryQueue"/>
/// every <see cref="WorkflowOptions.RetryPollInterval"/>, publishes each one's <c>RunStage</c> task on its task queue, then
/// completes it. A claim holds an item for <see cref="ClaimLease"/>, so every poller of every process may run at once and each
/// due task is published by one of them; a poller that dies between claim and complete leaves the item due again after
/// the lease (a task published twice executes once: the second delivery finds its attempt ended).
/// </summary>
internal sealed partial class RetryPoller(IDelayQueue delays, IMessageBus bus, TimeProvider time, IOptions<WorkflowOptions> options,
    ILogger<RetryPoller> logger) : BackgroundService
{
    internal static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(30);
    private const int Batch = 64;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Dispatch != ActivityDispatch.Bus)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await PublishDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Claimed items come back after their lease; an outage only delays the retries.
                Log.PollFailed(logger, e);
            }
            if (claimed < Batch)
            {
                try
                {
                    await Task.Delay(options.Value.RetryPollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Publishes what is due now; returns how many items were claimed.</summary>
    internal async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        var due = await delays.ClaimDueAsync(DelayedMessage.RetryQueue, Batch, ClaimLease, cancellationToken);
        foreach (var item in due)
        {
            if (Parse(item.Payload) is { } delayed)
                await bus.PublishAsync(delayed.Stream, delayed.Message, CancellationToken.None);
            else
                Log.ItemDropped(logger, item.Key);
            await delays.CompleteAsync(DelayedMessage.RetryQueue, item, CancellationToken.None);
        }
        return due.Count;
    }

    private static DelayedMessage? Parse(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<DelayedMessage>(payload, WorkflowJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEvents.RetryPollFailed, LogLevel.Warning, "Publishing due retries failed; polling again")]
        public static partial void PollFailed(ILogger logger, Exception exception);

        [LoggerMessage(LogEvents.RetryDropped, LogLevel.Warning, "Delayed retry {Key} has no readable task; dropped")]
        public static partial void ItemDropped(ILogger logger, string key);
    }
}
