using Microsoft.Extensions.Logging;
using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>
/// Executes one stage attempt wherever it runs (the engine's process or a stage worker): enforces the
/// start-to-close timeout, and turns cancellation, the timeout and exceptions into outcomes.
/// </summary>
internal static partial class StageInvoker
{
    /// <summary>The error type of an attempt interrupted by cancellation of its run (or of its worker).</summary>
    public const string Cancelled = "Cancelled";

    /// <param name="stage">The stage.</param>
    /// <param name="createContext">Builds the attempt's context; may read the snapshot, so it gets the attempt's token.</param>
    /// <param name="timeout">The start-to-close timeout.</param>
    /// <param name="policy">The stage's retry policy, whose non-retryable types also apply to exception types.</param>
    /// <param name="time">The clock of the timeout.</param>
    /// <param name="logger">Where exceptions are logged.</param>
    /// <param name="runId">The run, for logs.</param>
    /// <param name="attempt">The attempt number, for logs.</param>
    /// <param name="runToken">Cancels the attempt (run cancelled, worker stopping).</param>
    public static async Task<StageOutcome> InvokeAsync(IStage stage, Func<CancellationToken, Task<StageContext>> createContext, TimeSpan timeout,
        RetryPolicy policy, TimeProvider time, ILogger logger, string runId, int attempt, CancellationToken runToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(runToken, deadline.Token);
        var heap = StageMemory.HeapBytes();
        try
        {
            var context = await createContext(linked.Token);
            // WaitAsync makes the timeout hold even for a stage that ignores its token.
            return await stage.ExecuteAsync(context, linked.Token).WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (runToken.IsCancellationRequested)
        {
            return StageOutcome.Fail(Cancelled, "the run was cancelled", nonRetryable: true);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return TimedOut(timeout);
        }
        catch (BadInputException e)
        {
            // Deterministic: the same input fails the same way, so it is never retried.
            return StageOutcome.BadInput(e.Message);
        }
        catch (Exception e) when (DiskFull.Is(e))
        {
            Log.StageThrew(logger, e, runId, stage.Name, attempt);
            return StageOutcome.Fail(DiskFull.ErrorType, DiskFull.Describe(e), nonRetryable: true);
        }
        catch (Exception e)
        {
            Log.StageThrew(logger, e, runId, stage.Name, attempt);
            var nonRetryable = policy.IsNonRetryable(e.GetType().Name) || policy.IsNonRetryable(e.GetType().FullName ?? "");
            return StageOutcome.Fail(StageFailure.Unhandled, $"{e.GetType().Name}: {e.Message}", nonRetryable);
        }
        finally
        {
            StageMemory.ReleaseAfter(heap);
        }
    }

    /// <summary>The outcome of an attempt that ran past its start-to-close timeout.</summary>
    public static StageOutcome TimedOut(TimeSpan timeout) =>
        StageOutcome.Fail(StageFailure.Timeout, $"attempt exceeded its start-to-close timeout of {timeout}");

    private static partial class Log
    {
        [LoggerMessage(LogEvents.StageThrew, LogLevel.Warning, "Run {RunId}: stage {Stage} attempt {Attempt} threw")]
        public static partial void StageThrew(ILogger logger, Exception exception, string runId, string stage, int attempt);
    }
}
