using Microsoft.Extensions.Logging;
using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>
/// Holds an executing run's lease in the run store: renews it every third of <see cref="WorkflowOptions.RunLease"/>, and
/// reports what it learns there: a cancel request (from the gateway, whichever process received it) and a lost lease (the
/// run ended or was taken over elsewhere while this process could not renew, e.g. during a long store outage).
/// </summary>
internal sealed partial class RunLeaseKeeper : IAsyncDisposable
{
    private readonly EngineServices _services;
    private readonly string _runId;
    private readonly string _owner;
    private readonly Action<string> _cancelRequested;
    private readonly Action _lost;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RunLeaseKeeper(EngineServices services, string runId, string owner, Action<string> cancelRequested, Action lost)
    {
        (_services, _runId, _owner, _cancelRequested, _lost) = (services, runId, owner, cancelRequested, lost);
        _loop = Task.Run(KeepAsync);
    }

    /// <summary>Takes the lease of <paramref name="run"/> for <paramref name="owner"/>: free, expired, or held by a process known to be gone.</summary>
    public static Task<bool> TakeAsync(EngineServices services, RunRecord run, string owner)
    {
        var now = services.Time.GetUtcNow();
        var replacing = RunOwner.IsGone(run.Owner, owner) ? run.Owner : null;
        return services.Runs.TryLeaseRunAsync(run.RunId, owner, now, now + services.Options.RunLease, replacing, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task KeepAsync()
    {
        while (true)
        {
            try
            {
                await Task.Delay(_services.Options.RunLease / 3, _services.Time, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                var now = _services.Time.GetUtcNow();
                if (!await _services.Runs.TryLeaseRunAsync(_runId, _owner, now, now + _services.Options.RunLease, null, _stop.Token))
                {
                    Log.LeaseLost(_services.Logger, _runId);
                    _lost();
                    return;
                }
                if ((await _services.Runs.GetRunAsync(_runId, _stop.Token))?.CancelRequestedBy is { } by)
                    _cancelRequested(by);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Tried again at the next renewal; the lease covers two misses.
                Log.LeaseNotRenewed(_services.Logger, e, _runId);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEvents.RunLeaseOfRunLost, LogLevel.Warning, "Run {RunId}: its lease went to another process or the run ended elsewhere; this process stops executing it")]
        public static partial void LeaseLost(ILogger logger, string runId);

        [LoggerMessage(LogEvents.RunLeaseOfRunNotRenewed, LogLevel.Warning, "Run {RunId}: renewing its lease failed")]
        public static partial void LeaseNotRenewed(ILogger logger, Exception exception, string runId);
    }
}
