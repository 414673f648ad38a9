using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>
/// Executes one stage of a run as activity attempts: takes a slot, persists the attempt, has the engine's
/// <see cref="IActivityDispatcher"/> execute it (in-process, or on the stage's task queue), and retries per the stage's <see cref="RetryPolicy"/>:
/// in-process after a delay on the engine's clock, with bus dispatch as an attempt that starts later (its task waits in the
/// delay queue). Every attempt is persisted, audited and published.
/// </summary>
internal sealed partial class StageActivity(IStageDefinition stage, RunExecution run, EngineServices services)
{
    public const string Cancelled = StageInvoker.Cancelled;
    private readonly string _name = stage.Name;

    /// <param name="firstAttempt">The number of the first attempt (continues after earlier executions' attempts).</param>
    /// <param name="firstDueAt">When the first attempt starts, if later than now: a retry an earlier execution scheduled (bus dispatch).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public async Task<StageResult> RunAsync(int firstAttempt, DateTimeOffset? firstDueAt, CancellationToken cancellationToken)
    {
        // A span for the stage (child of the run's) with one child per attempt; the stage's duration covers retries and backoff.
        using var span = WorkflowTelemetry.Source.StartActivity($"stage {_name}");
        span?.SetTag("noa.run.id", run.RunId);
        span?.SetTag("noa.stage", _name);
        var started = services.Time.GetTimestamp();
        var result = await RunAttemptsAsync(firstAttempt, firstDueAt, cancellationToken);
        var outcome = result.Kind.ToString().ToLowerInvariant();
        span?.SetTag("noa.stage.outcome", outcome);
        if (result.Kind is StageResultKind.Failed or StageResultKind.GateFailed)
            WorkflowTelemetry.Fail(span, result.Kind.ToString(), result.Message);
        services.Telemetry.StageDuration.Record(services.Time.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>("noa.stage", _name), new KeyValuePair<string, object?>("noa.stage.outcome", outcome));
        return result;
    }

    private async Task<StageResult> RunAttemptsAsync(int firstAttempt, DateTimeOffset? firstDueAt, CancellationToken cancellationToken)
    {
        var dueAt = firstDueAt;
        var policy = services.Options.RetryPolicyFor(_name);
        var timeout = services.Options.StartToCloseTimeoutFor(_name);
        // Attempts of this execution count against the policy; a resumed run gets a fresh budget.
        for (int attempt = firstAttempt, made = 1; ; attempt++, made++)
        {
            try
            {
                await services.ActivitySlots.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return StageResult.Cancelled;
            }

            StageAttempt record;
            DispatchResult dispatched;
            using var attemptSpan = WorkflowTelemetry.Source.StartActivity($"attempt {_name}");
            attemptSpan?.SetTag("noa.run.id", run.RunId);
            attemptSpan?.SetTag("noa.stage", _name);
            attemptSpan?.SetTag("noa.attempt", attempt);
            try
            {
                // A later start is a retry waiting out its backoff in the delay queue; the record says when it will start.
                record = new StageAttempt { RunId = run.RunId, Stage = _name, Attempt = attempt, StartedAt = dueAt ?? services.Time.GetUtcNow() };
                dueAt = null;
                await services.Runs.SaveAttemptAsync(record, CancellationToken.None);
                await run.Journal.RecordAsync("StageStarted", _name, attempt, "running");
                dispatched = await services.Dispatcher.DispatchAsync(new ActivityInvocation(stage, run, services, record, timeout), cancellationToken);
            }
            finally
            {
                services.ActivitySlots.Release();
            }

            var outcome = dispatched.Outcome;
            // A worker writes the ended attempt before it publishes the result, so the engine writes only what it decided
            // itself (in-process outcomes, timeouts, cancellations): a second write would repeat the worker's.
            if (!dispatched.Recorded)
                await services.Runs.SaveAttemptAsync(AttemptRecords.Ended(record, outcome, services.Time.GetUtcNow()), CancellationToken.None);
            Ended(attemptSpan, outcome);
            switch (outcome.Status)
            {
                case StageStatus.Succeeded or StageStatus.Skipped:
                    await run.Journal.RecordAsync("StageCompleted", _name, attempt, Status(outcome.Status), outcome.Summary);
                    return StageResult.Completed;

                case StageStatus.GateFailed:
                    var reason = outcome.GateReason ?? "gate failed";
                    await run.Journal.RecordAsync("GateFailed", _name, attempt, Status(outcome.Status), reason);
                    return new StageResult(StageResultKind.GateFailed, reason);
            }

            var failure = outcome.Failure ?? new StageFailure(StageFailure.Unhandled, $"stage '{_name}' returned Failed without a failure");
            if (failure.ErrorType == Cancelled)
            {
                await run.Journal.RecordAsync("StageFailed", _name, attempt, Status(StageStatus.Failed), failure.Message);
                return StageResult.Cancelled;
            }

            var retryable = !failure.NonRetryable && !policy.IsNonRetryable(failure.ErrorType) && policy.AllowsAnotherAttempt(made);
            if (!retryable)
            {
                Log.StageFailed(services.Logger, run.RunId, _name, attempt, failure.ErrorType, failure.Message);
                await run.Journal.RecordAsync("StageFailed", _name, attempt, Status(StageStatus.Failed), failure.Message);
                return new StageResult(StageResultKind.Failed, failure.Message);
            }

            var delay = policy.DelayFor(made);
            services.Telemetry.Retries.Add(1, new KeyValuePair<string, object?>("noa.stage", _name), new KeyValuePair<string, object?>("error.type", failure.ErrorType));
            Log.StageRetrying(services.Logger, run.RunId, _name, attempt, failure.ErrorType, failure.Message, delay);
            await run.Journal.RecordAsync("StageRetrying", _name, attempt, Status(StageStatus.Failed), $"{failure.Message} (retrying in {delay})");
            if (services.Options.Dispatch == ActivityDispatch.Bus && delay > TimeSpan.Zero)
            {
                // The backoff waits in the delay queue, not in this process, so it outlives the engine.
                dueAt = services.Time.GetUtcNow() + delay;
                continue;
            }
            try
            {
                await Task.Delay(delay, services.Time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return StageResult.Cancelled;
            }
        }
    }

    private void Ended(Activity? span, StageOutcome outcome)
    {
        var status = Status(outcome.Status);
        span?.SetTag("noa.attempt.status", status);
        if (outcome.Status == StageStatus.Failed)
            WorkflowTelemetry.Fail(span, outcome.Failure?.ErrorType, outcome.Failure?.Message);
        services.Telemetry.Attempts.Add(1, new KeyValuePair<string, object?>("noa.stage", _name), new KeyValuePair<string, object?>("noa.attempt.status", status));
        // Ends here, so that a retry's backoff is not counted in the attempt that failed.
        span?.Stop();
    }

    private static string Status(StageStatus status) => status switch
    {
        StageStatus.Succeeded => "succeeded",
        StageStatus.GateFailed => "gateFailed",
        StageStatus.Failed => "failed",
        _ => "skipped",
    };

    private static partial class Log
    {
        [LoggerMessage(LogEvents.StageFailed, LogLevel.Warning, "Run {RunId}: stage {Stage} failed on attempt {Attempt}: {ErrorType}: {Message}")]
        public static partial void StageFailed(ILogger logger, string runId, string stage, int attempt, string errorType, string message);

        [LoggerMessage(LogEvents.StageRetrying, LogLevel.Information, "Run {RunId}: stage {Stage} attempt {Attempt} failed ({ErrorType}: {Message}); retrying in {Delay}")]
        public static partial void StageRetrying(ILogger logger, string runId, string stage, int attempt, string errorType, string message, TimeSpan delay);
    }
}
