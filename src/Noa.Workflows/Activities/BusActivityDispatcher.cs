using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>
/// Executes activities on task queues: publishes a <see cref="ActivityTask"/> on <c>tasks.{stage}</c> and waits for
/// its <see cref="ActivityResult"/> on this engine's own result stream, within the start-to-close timeout. The
/// stage workers write each ended attempt to the run store before they publish its result, so a result that never
/// arrives (the worker died between the two, or this engine restarted) is found there by a slow poll.
/// A result for an attempt nobody waits for any more (a duplicate execution, or a late one after a timeout) is dropped.
/// An attempt that starts later (a retry after its backoff) is not published but scheduled in the <see cref="IDelayQueue"/>
/// for its start time, where a <see cref="RetryPoller"/> of any process publishes it: the backoff survives this engine.
/// </summary>
internal sealed partial class BusActivityDispatcher(IMessageBus bus, IDelayQueue delays, IRunStore runs, TimeProvider time, ILogger logger)
    : IActivityDispatcher, IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan StorePoll = TimeSpan.FromSeconds(2);
    private readonly string _engineId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..^20];
    private readonly ConcurrentDictionary<(string RunId, string Stage, int Attempt), TaskCompletionSource<StageOutcome>> _waiting = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task? _listener;

    /// <summary>The stream this engine receives results on.</summary>
    public string ResultStream => TaskQueues.ResultsFor(_engineId);

    public async Task<DispatchResult> DispatchAsync(ActivityInvocation invocation, CancellationToken runToken)
    {
        EnsureListening();
        var (stage, run, _, attempt, timeout) = invocation;
        var key = (run.RunId, stage.Name, attempt.Attempt);
        var result = new TaskCompletionSource<StageOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[key] = result;
        var wait = attempt.StartedAt - time.GetUtcNow();
        using var deadline = new CancellationTokenSource(wait > TimeSpan.Zero ? wait + timeout : timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(runToken, deadline.Token);
        var delayed = DelayedMessage.Key(run.RunId, stage.Name, attempt.Attempt);
        try
        {
            var task = new ActivityTask(run.RunId, stage.Name, attempt.Attempt, attempt.StartedAt, timeout, run.Request, ResultStream);
            // The attempt's span travels with the task (also through the delay queue), so the worker's span is its child.
            var headers = BusTraceContext.With(new Dictionary<string, string> { ["runId"] = run.RunId });
            var message = new BusMessage(TaskQueues.RunStage, JsonSerializer.Serialize(task, WorkflowJson.Options), headers);
            if (wait > TimeSpan.Zero)
            {
                var payload = JsonSerializer.Serialize(new DelayedMessage(TaskQueues.For(stage.Name), message), WorkflowJson.Options);
                await delays.ScheduleAsync(DelayedMessage.RetryQueue, delayed, payload, attempt.StartedAt, linked.Token);
            }
            else
            {
                await bus.PublishAsync(TaskQueues.For(stage.Name), message, linked.Token);
            }
            while (true)
            {
                try
                {
                    return new DispatchResult(await result.Task.WaitAsync(StorePoll, time, linked.Token), Recorded: true);
                }
                catch (TimeoutException)
                {
                    if (await EndedInStoreAsync(key, linked.Token) is { } stored)
                        return new DispatchResult(stored, Recorded: true);
                }
            }
        }
        catch (OperationCanceledException) when (runToken.IsCancellationRequested)
        {
            if (wait > TimeSpan.Zero)
                await CancelDelayedAsync(delayed);
            return new DispatchResult(StageOutcome.Fail(StageInvoker.Cancelled, "the run was cancelled", nonRetryable: true), Recorded: false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return new DispatchResult(StageInvoker.TimedOut(timeout), Recorded: false);
        }
        finally
        {
            _waiting.TryRemove(key, out _);
        }
    }

    /// <summary>Stops the listener and deletes this engine's group on its result stream (nobody reads it again).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_listener is not { } listener)
            return;
        await listener;
        try
        {
            await bus.DeleteGroupAsync(ResultStream, TaskQueues.EngineGroup, CancellationToken.None);
        }
        catch (Exception e)
        {
            Log.GroupNotDeleted(logger, e, TaskQueues.EngineGroup, ResultStream);
        }
    }

    /// <summary>Stops the listener without waiting for it.</summary>
    public void Dispose() => _stopping.Cancel();

    // The attempt is recorded as cancelled, so a worker would drop its task anyway; this only saves the publish.
    private async Task CancelDelayedAsync(string key)
    {
        try
        {
            await delays.CancelAsync(DelayedMessage.RetryQueue, key, CancellationToken.None);
        }
        catch (Exception e)
        {
            Log.DelayedNotCancelled(logger, e, key);
        }
    }

    private void EnsureListening()
    {
        if (_listener is not null)
            return;
        lock (_gate)
            _listener ??= Task.Run(() => ListenAsync(_stopping.Token));
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        var read = new ConsumeOptions { MaxMessages = 64, Block = TimeSpan.FromSeconds(1), Lease = TimeSpan.FromMinutes(1) };
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                foreach (var delivery in await bus.ReadAsync(ResultStream, TaskQueues.EngineGroup, _engineId, read, stopping))
                {
                    Complete(delivery.Message);
                    await bus.AckAsync(delivery, CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Results are also in the run store, so a bus outage only slows the engine down to the store poll.
                Log.ResultsReadFailed(logger, e, ResultStream);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), time, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Complete(BusMessage message)
    {
        ActivityResult? result = null;
        try
        {
            result = JsonSerializer.Deserialize<ActivityResult>(message.Body, WorkflowJson.Options);
        }
        catch (JsonException)
        {
        }
        if (result is null)
            return;
        if (_waiting.TryGetValue((result.RunId, result.Stage, result.Attempt), out var waiting))
            waiting.TrySetResult(result.Outcome);
        else
            Log.ResultIgnored(logger, result.RunId, result.Stage, result.Attempt, result.Worker);
    }

    private async Task<StageOutcome?> EndedInStoreAsync((string RunId, string Stage, int Attempt) key, CancellationToken cancellationToken)
    {
        var attempts = await runs.GetAttemptsAsync(key.RunId, cancellationToken);
        return attempts.FirstOrDefault(a => a.Stage == key.Stage && a.Attempt == key.Attempt) is { Status: { } status } ended
            ? AttemptRecords.OutcomeOf(ended, status)
            : null;
    }

    private static partial class Log
    {
        [LoggerMessage(LogEvents.ResultsReadFailed, LogLevel.Warning, "Reading results from {Stream} failed; retrying")]
        public static partial void ResultsReadFailed(ILogger logger, Exception exception, string stream);

        [LoggerMessage(LogEvents.ResultGroupNotDeleted, LogLevel.Warning, "Could not delete consumer group {Group} of {Stream}")]
        public static partial void GroupNotDeleted(ILogger logger, Exception exception, string group, string stream);

        [LoggerMessage(LogEvents.DelayedNotCancelled, LogLevel.Warning, "Could not cancel the delayed task {Key}")]
        public static partial void DelayedNotCancelled(ILogger logger, Exception exception, string key);

        [LoggerMessage(LogEvents.ResultIgnored, LogLevel.Debug, "Result of run {RunId} stage {Stage} attempt {Attempt} from {Worker} ignored: nobody waits for it")]
        public static partial void ResultIgnored(ILogger logger, string runId, string stage, int attempt, string worker);
    }
}
