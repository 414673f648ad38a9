using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>
/// Runs workflow DAGs in this process: creates and persists runs, executes their stages as activities
/// (retries, timeouts, gates, bounded concurrency), resumes runs left unfinished by a stopped process,
/// and cancels runs on request. Every state change goes to the run store, the audit trail and the bus.
/// </summary>
public sealed partial class WorkflowEngine : IAsyncDisposable, IDisposable
{
    private readonly EngineServices _services;
    private readonly ConcurrentDictionary<string, ActiveRun> _active = new(StringComparer.Ordinal);

    /// <summary>Creates the engine; activity slots are shared by every run it executes.</summary>
    public WorkflowEngine(IRunStore runs, IAuditLog audit, IArtifactStore artifacts, IMessageBus bus, IDelayQueue delays, TimeProvider time,
        IOptions<WorkflowOptions> options, ILogger<WorkflowEngine> logger)
    {
        var o = options.Value;
        // Bus-dispatched activities run on the workers' slots; the engine only waits for them.
        IActivityDispatcher dispatcher = o.Dispatch == ActivityDispatch.Bus
            ? new BusActivityDispatcher(bus, delays, runs, time, logger)
            : InProcessActivityDispatcher.Instance;
        var slots = o.Dispatch == ActivityDispatch.Bus ? 10_000 : Math.Max(1, o.MaxConcurrentActivities);
        _services = new EngineServices(runs, audit, artifacts, bus, time, o, new SemaphoreSlim(slots), logger, dispatcher);
    }

    /// <summary>Stops listening for activity results (bus dispatch) without waiting.</summary>
    public void Dispose()
    {
        if (_services.Dispatcher is IDisposable disposable)
            disposable.Dispose();
    }

    /// <summary>Stops listening for activity results (bus dispatch).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_services.Dispatcher is IAsyncDisposable disposable)
            await disposable.DisposeAsync();
    }

    /// <summary>Starts a run of <paramref name="definition"/> for <paramref name="request"/> and executes it to its end.</summary>
    /// <param name="definition">The DAG.</param>
    /// <param name="request">What to digest; <see cref="DigestRequest.Only"/> limits the stages (unknown names throw <see cref="ArgumentException"/>).</param>
    /// <param name="runId">The id to use; a new time-ordered id when null. It may name a <see cref="RunState.Queued"/> run,
    /// which is then started; any other existing run is rejected.</param>
    /// <param name="cancellationToken">Cancels the run, which then ends <see cref="RunState.Cancelled"/> (and is returned, not thrown).</param>
    /// <returns>The final run record.</returns>
    public async Task<RunRecord> RunAsync(WorkflowDefinition definition, DigestRequest request, string? runId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Only is { Count: > 0 } only)
            definition.Closure(only);
        runId ??= RunIds.New(_services.Time);
        if (!RunIds.IsValid(runId))
            throw new ArgumentException($"Run id '{runId}' is invalid: use 1 to 64 letters, digits, '_' or '-'.", nameof(runId));
        // A queued run (recorded by the gateway, started by the run scheduler) keeps its id and creation time.
        var queued = await _services.Runs.GetRunAsync(runId, CancellationToken.None);
        if (queued is not null && queued.State != RunState.Queued)
            throw new ArgumentException($"Run '{runId}' already exists; resume it instead.", nameof(runId));

        var now = _services.Time.GetUtcNow();
        var run = new RunRecord { RunId = runId, Workflow = definition.Name, Request = request, State = RunState.Running, CreatedAt = queued?.CreatedAt ?? now, UpdatedAt = now };
        await _services.Runs.SaveRunAsync(run, CancellationToken.None);
        Log.RunStarted(_services.Logger, runId, definition.Name, request.Source);
        return await ExecuteAsync(definition, run, [], isNew: true, cancellationToken);
    }

    /// <summary>
    /// Continues a run from its persisted state: stages whose last attempt succeeded or failed its gate are
    /// not run again; attempts left running by a stopped process are marked abandoned and retried as new
    /// attempts, except (bus dispatch) a retry not yet due, which waits in the delay queue and is kept: this engine
    /// schedules it again for the same time and waits for it. A run that ended (succeeded, failed, blocked) is returned
    /// as is; a cancelled one is continued.
    /// </summary>
    /// <exception cref="ArgumentException">The run does not exist or belongs to another workflow.</exception>
    public async Task<RunRecord> ResumeAsync(WorkflowDefinition definition, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var run = await _services.Runs.GetRunAsync(runId, cancellationToken)
            ?? throw new ArgumentException($"There is no run '{runId}'.", nameof(runId));
        if (run.State is RunState.Succeeded or RunState.Failed or RunState.Blocked)
            return run;
        if (run.Workflow != definition.Name)
            throw new ArgumentException($"Run '{runId}' is a '{run.Workflow}' run, not '{definition.Name}'.", nameof(runId));
        if (_active.ContainsKey(runId))
            throw new ArgumentException($"Run '{runId}' is already executing in this process.", nameof(runId));
        if (run.Request.Only is { Count: > 0 } only)
            definition.Closure(only);

        var attempts = await _services.Runs.GetAttemptsAsync(runId, cancellationToken);
        var now = _services.Time.GetUtcNow();
        foreach (var abandoned in attempts.Where(a => a.Status is null && !IsScheduledRetry(a, now)))
        {
            Log.AttemptAbandoned(_services.Logger, runId, abandoned.Stage, abandoned.Attempt);
            await _services.Runs.SaveAttemptAsync(abandoned with
            {
                Status = StageStatus.Failed, EndedAt = now, ErrorType = "Abandoned", Message = "the process executing this attempt stopped",
            }, CancellationToken.None);
        }
        run = run with { State = RunState.Running, Reason = null, UpdatedAt = now };
        await _services.Runs.SaveRunAsync(run, CancellationToken.None);
        await _services.Audit.AppendAsync(new AuditRecord { At = now, Actor = RunJournal.System, Action = "RunResumed", RunId = runId }, CancellationToken.None);
        Log.RunResumed(_services.Logger, runId);
        return await ExecuteAsync(definition, run, await _services.Runs.GetAttemptsAsync(runId, CancellationToken.None), isNew: false, cancellationToken);
    }

    /// <summary>Cancels a run executing in this process and waits until it has been recorded as cancelled; does nothing for other runs.</summary>
    public async Task CancelAsync(string runId)
    {
        if (!_active.TryGetValue(runId, out var active))
            return;
        try
        {
            await active.Cancellation.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The run ended between the look-up and the cancel.
        }
        await active.Completion;
    }

    private async Task<RunRecord> ExecuteAsync(WorkflowDefinition definition, RunRecord run, IReadOnlyList<StageAttempt> earlier, bool isNew, CancellationToken cancellationToken)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_active.TryAdd(run.RunId, new ActiveRun(cancellation, completion.Task)))
            throw new ArgumentException($"Run '{run.RunId}' is already executing in this process.", nameof(run));
        try
        {
            await using var execution = new RunExecution(definition, run, _services);
            try
            {
                if (isNew)
                    await execution.Journal.RecordAsync("RunStarted", message: run.Request.Source, actor: run.Request.RequestedBy);
                var (state, reason) = await execution.ExecuteAsync(earlier, cancellation.Token);
                run = run with { State = state, Reason = reason, UpdatedAt = _services.Time.GetUtcNow() };
                await _services.Runs.SaveRunAsync(run, CancellationToken.None);
                await execution.Journal.RecordAsync("RunCompleted", status: Camel(state), message: reason);
                Log.RunCompleted(_services.Logger, run.RunId, state, reason);
            }
            catch (Exception e)
            {
                // A bug or a store failure: leave a failed run behind rather than one that looks alive.
                Log.RunCrashed(_services.Logger, e, run.RunId);
                await _services.Runs.SaveRunAsync(run with { State = RunState.Failed, Reason = $"engine error: {e.Message}", UpdatedAt = _services.Time.GetUtcNow() }, CancellationToken.None);
                throw;
            }
            if (run.State == RunState.Succeeded)
                DeleteWorkspace(execution.RunFolder);
            return run;
        }
        finally
        {
            _active.TryRemove(run.RunId, out _);
            completion.SetResult();
        }
    }

    private void DeleteWorkspace(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.WorkspaceNotDeleted(_services.Logger, e, folder);
        }
    }

    // Bus dispatch only: an open attempt no worker has taken, starting in the future, is a retry in the delay queue.
    private bool IsScheduledRetry(StageAttempt attempt, DateTimeOffset now) =>
        _services.Options.Dispatch == ActivityDispatch.Bus && attempt.Worker is null && attempt.StartedAt > now;

    private static string Camel(RunState state) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(state.ToString());

    private sealed record ActiveRun(CancellationTokenSource Cancellation, Task Completion);

    private static partial class Log
    {
        [LoggerMessage(LogEvents.RunStarted, LogLevel.Information, "Run {RunId} of {Workflow} started for {Source}")]
        public static partial void RunStarted(ILogger logger, string runId, string workflow, string source);

        [LoggerMessage(LogEvents.RunCompleted, LogLevel.Information, "Run {RunId} ended {State}: {Reason}")]
        public static partial void RunCompleted(ILogger logger, string runId, RunState state, string? reason);

        [LoggerMessage(LogEvents.RunResumed, LogLevel.Information, "Run {RunId} resumed")]
        public static partial void RunResumed(ILogger logger, string runId);

        [LoggerMessage(LogEvents.AttemptAbandoned, LogLevel.Warning, "Run {RunId}: attempt {Attempt} of stage {Stage} was abandoned by a stopped process")]
        public static partial void AttemptAbandoned(ILogger logger, string runId, string stage, int attempt);

        [LoggerMessage(LogEvents.WorkspaceNotDeleted, LogLevel.Warning, "Could not delete workspace {Folder}")]
        public static partial void WorkspaceNotDeleted(ILogger logger, Exception exception, string folder);

        [LoggerMessage(LogEvents.RunCrashed, LogLevel.Error, "Run {RunId} stopped on an unexpected error")]
        public static partial void RunCrashed(ILogger logger, Exception exception, string runId);
    }
}
