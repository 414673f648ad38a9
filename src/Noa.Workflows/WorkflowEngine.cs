using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
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

    /// <summary>Creates the engine; activity slots are shared by every run it executes. Its metrics (meter <c>Noa.Workflows</c>)
    /// come from <paramref name="meters"/>.</summary>
    public WorkflowEngine(IRunStore runs, IAuditLog audit, IArtifactStore artifacts, IMessageBus bus, IDelayQueue delays, TimeProvider time,
        IOptions<WorkflowOptions> options, ILogger<WorkflowEngine> logger, IMeterFactory meters)
    {
        var telemetry = WorkflowTelemetry.For(meters);
        var o = options.Value;
        // Bus-dispatched activities run on the workers' slots; the engine only waits for them.
        IActivityDispatcher dispatcher = o.Dispatch == ActivityDispatch.Bus
            ? new BusActivityDispatcher(bus, delays, runs, time, logger)
            : InProcessActivityDispatcher.Instance;
        var slots = o.Dispatch == ActivityDispatch.Bus ? 10_000 : Math.Max(1, o.MaxConcurrentActivities);
        _services = new EngineServices(runs, audit, artifacts, bus, time, o, new SemaphoreSlim(slots), logger, dispatcher, telemetry);
    }

    /// <summary>Stops listening for activity results (bus dispatch) without waiting.</summary>
    public void Dispose()
    {
        RunOwner.Retire(Owner);
        if (_services.Dispatcher is IDisposable disposable)
            disposable.Dispose();
    }

    /// <summary>Stops listening for activity results (bus dispatch).</summary>
    public async ValueTask DisposeAsync()
    {
        RunOwner.Retire(Owner);
        if (_services.Dispatcher is IAsyncDisposable disposable)
            await disposable.DisposeAsync();
    }

    /// <summary>The name under which this engine holds run leases in the run store (<c>{host}/{pid}/{instance}</c>).</summary>
    public string Owner { get; } = RunOwner.Create();

    /// <summary>Whether a run is executing in this engine now.</summary>
    public bool IsExecuting(string runId) => _active.ContainsKey(runId);

    /// <summary>Starts a run of <paramref name="definition"/> for <paramref name="request"/> and executes it to its end.</summary>
    /// <param name="definition">The DAG.</param>
    /// <param name="request">What to digest; <see cref="DigestRequest.Only"/> limits the stages (unknown names throw <see cref="ArgumentException"/>).</param>
    /// <param name="runId">The id to use; a new time-ordered id when null. It may name a <see cref="RunState.Queued"/> run,
    /// which is then started; any other existing run is rejected.</param>
    /// <param name="cancellationToken">Cancels the run, which then ends <see cref="RunState.Cancelled"/> (and is returned, not thrown).</param>
    /// <returns>The final run record.</returns>
    public Task<RunRecord> RunAsync(WorkflowDefinition definition, DigestRequest request, string? runId = null, CancellationToken cancellationToken = default) =>
        RunAsync(definition, request, runId, interruptible: false, cancellationToken);

    /// <param name="definition">The DAG.</param>
    /// <param name="request">What to digest.</param>
    /// <param name="runId">The id, or null for a new one.</param>
    /// <param name="interruptible">True for a run scheduler: <paramref name="cancellationToken"/> means the process is stopping, so
    /// the run is interrupted (left running, its lease given up, for a scheduler to resume) rather than cancelled.</param>
    /// <param name="cancellationToken">Cancels (or interrupts) the run.</param>
    /// <param name="parent">The trace context of the request that queued the run (its <c>StartRun</c>'s <c>traceparent</c>), parent
    /// of the run's span; <c>default</c> for the current activity.</param>
    internal async Task<RunRecord> RunAsync(WorkflowDefinition definition, DigestRequest request, string? runId, bool interruptible, CancellationToken cancellationToken,
        ActivityContext parent = default)
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
        var run = new RunRecord { RunId = runId, Workflow = definition.Name, Request = request, State = RunState.Queued, CreatedAt = queued?.CreatedAt ?? now, UpdatedAt = now };
        if (queued is null)
        {
            // Recorded as queued until leased, so that no recovery takes a running run that nobody holds yet for an orphan.
            await _services.Runs.SaveRunAsync(run, CancellationToken.None);
            queued = run;
        }
        await TakeLeaseAsync(queued);
        var current = await _services.Runs.GetRunAsync(runId, CancellationToken.None);
        if (current is not { State: RunState.Queued })
        {
            await ReleaseLeaseAsync(runId);
            throw new ArgumentException($"Run '{runId}' is {Camel(current?.State ?? RunState.Cancelled)} now; it was not started.", nameof(runId));
        }
        run = run with { State = RunState.Running };
        await _services.Runs.SaveRunAsync(run, CancellationToken.None);
        Log.RunStarted(_services.Logger, runId, definition.Name, request.Source);
        if (queued.CreatedAt < now)
            _services.Telemetry.Waited(StartRun.Stream, now - queued.CreatedAt);
        return await ExecuteAsync(definition, run, [], isNew: true, interruptible, parent, cancellationToken);
    }

    /// <summary>
    /// Continues a run from its persisted state: stages whose last attempt succeeded or failed its gate are
    /// not run again; attempts left running by a stopped process are marked abandoned and retried as new
    /// attempts, except (bus dispatch) a retry not yet due, which waits in the delay queue and is kept: this engine
    /// schedules it again for the same time and waits for it. A run that ended (succeeded, failed, blocked) is returned
    /// as is; a cancelled one is continued.
    /// </summary>
    /// <exception cref="ArgumentException">The run does not exist, belongs to another workflow, or another live process executes it.</exception>
    public Task<RunRecord> ResumeAsync(WorkflowDefinition definition, string runId, CancellationToken cancellationToken = default) =>
        ResumeAsync(definition, runId, interruptible: false, cancellationToken);

    /// <summary>As <see cref="ResumeAsync(WorkflowDefinition, string, CancellationToken)"/>; <paramref name="interruptible"/> as for
    /// <see cref="RunAsync(WorkflowDefinition, DigestRequest, string?, bool, CancellationToken)"/>.</summary>
    internal async Task<RunRecord> ResumeAsync(WorkflowDefinition definition, string runId, bool interruptible, CancellationToken cancellationToken,
        ActivityContext parent = default)
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
        if (run.State == RunState.Cancelled)
        {
            // Opened again on request; queued until leased, like a new run.
            run = run with { State = RunState.Queued, UpdatedAt = _services.Time.GetUtcNow() };
            await _services.Runs.SaveRunAsync(run, CancellationToken.None);
        }
        await TakeLeaseAsync(run);

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
        // The run's original trace, stored when it was first traced: its later spans join it, whichever process resumes it.
        if (run.TraceParent is { } stored && ActivityContext.TryParse(stored, null, isRemote: true, out var original))
            parent = original;
        return await ExecuteAsync(definition, run, await _services.Runs.GetAttemptsAsync(runId, CancellationToken.None), isNew: false, interruptible, parent, cancellationToken);
    }

    /// <summary>Cancels a run executing in this process and waits until it has been recorded as cancelled; does nothing for other runs.</summary>
    public Task CancelAsync(string runId) => CancelAsync(runId, requestedBy: null);

    /// <summary>As <see cref="CancelAsync(string)"/>, naming who asked (the run's reason says it).</summary>
    public async Task CancelAsync(string runId, string? requestedBy)
    {
        if (!_active.TryGetValue(runId, out var active))
            return;
        active.ByUser = true;
        active.CancelledBy ??= requestedBy;
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

    private async Task TakeLeaseAsync(RunRecord run)
    {
        if (!await RunLeaseKeeper.TakeAsync(_services, run, Owner))
        {
            var now = await _services.Runs.GetRunAsync(run.RunId, CancellationToken.None);
            throw new ArgumentException(now is { State: RunState.Queued or RunState.Running }
                ? $"Run '{run.RunId}' is being executed by {now.Owner} (its lease holds until {now.LeaseUntil:u})."
                : $"Run '{run.RunId}' is {Camel(now?.State ?? RunState.Cancelled)}; it was not started.", nameof(run));
        }
    }

    private async Task ReleaseLeaseAsync(string runId)
    {
        try
        {
            await _services.Runs.ReleaseRunAsync(runId, Owner, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The lease then runs out by itself.
            Log.RunLeaseNotReleased(_services.Logger, e, runId);
        }
    }

    private async Task<RunRecord> ExecuteAsync(WorkflowDefinition definition, RunRecord run, IReadOnlyList<StageAttempt> earlier, bool isNew,
        bool interruptible, ActivityContext parent, CancellationToken cancellationToken)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var active = new ActiveRun(cancellation, completion.Task);
        if (!_active.TryAdd(run.RunId, active))
            throw new ArgumentException($"Run '{run.RunId}' is already executing in this process.", nameof(run));
        // The run's span: every stage, attempt and (through the tasks' traceparent) worker span of this execution is under it.
        using var span = WorkflowTelemetry.Source.StartActivity($"run {definition.Name}", ActivityKind.Internal, parent);
        span?.SetTag("noa.run.id", run.RunId);
        span?.SetTag("noa.workflow", definition.Name);
        span?.SetTag("noa.run.resumed", !isNew);
        var workflowTag = new KeyValuePair<string, object?>("noa.workflow", definition.Name);
        _services.Telemetry.RunsStarted.Add(1, workflowTag);
        var started = _services.Time.GetTimestamp();
        var outcome = "crashed";
        try
        {
            if (run.TraceParent is null && span is { IdFormat: ActivityIdFormat.W3C, Id: { } traceParent })
            {
                // The run's first traced execution: a process that resumes it after a restart continues this trace.
                run = run with { TraceParent = traceParent };
                await _services.Runs.SaveRunAsync(run, CancellationToken.None);
            }
            var (ended, interrupted) = await ExecuteLeasedAsync(definition, run, earlier, isNew, interruptible, active, cancellationToken);
            // The lease keeper has stopped: giving the lease up now cannot be undone by a late renewal.
            if (!active.Lost)
                await ReleaseLeaseAsync(run.RunId);
            if (interrupted)
                Log.RunInterrupted(_services.Logger, run.RunId);
            outcome = active.Lost ? "lost" : interrupted ? "interrupted" : Camel(ended.State);
            if (ended.State is RunState.Failed or RunState.Blocked)
                WorkflowTelemetry.Fail(span, Camel(ended.State), ended.Reason);
            return ended;
        }
        catch (Exception e)
        {
            WorkflowTelemetry.Fail(span, e.GetType().Name, e.Message);
            await ReleaseLeaseAsync(run.RunId);
            throw;
        }
        finally
        {
            span?.SetTag("noa.run.outcome", outcome);
            var outcomeTag = new KeyValuePair<string, object?>("noa.run.outcome", outcome);
            _services.Telemetry.RunsEnded.Add(1, workflowTag, outcomeTag);
            _services.Telemetry.RunDuration.Record(_services.Time.GetElapsedTime(started).TotalSeconds, workflowTag, outcomeTag);
            // Scratch only: whatever the run's state, its outputs are in the stores. A run lost to another process on
            // this machine may be using the same folder, so that one is left to its new holder.
            if (!active.Lost)
                DeleteWorkspace(Path.Combine(Path.GetFullPath(_services.Options.WorkspaceRoot), run.RunId));
            _active.TryRemove(run.RunId, out _);
            completion.SetResult();
        }
    }

    private async Task<(RunRecord Run, bool Interrupted)> ExecuteLeasedAsync(WorkflowDefinition definition, RunRecord run,
        IReadOnlyList<StageAttempt> earlier, bool isNew, bool interruptible, ActiveRun active, CancellationToken cancellationToken)
    {
        await using var execution = new RunExecution(definition, run, _services);
        await using var lease = new RunLeaseKeeper(_services, run.RunId, Owner, by => Cancel(active, by), () => Lose(active));
        try
        {
            if (isNew)
                await execution.Journal.RecordAsync("RunStarted", message: run.Request.Source, actor: run.Request.RequestedBy);
            // Asked to cancel while it was queued, or between its lease and now: the request is in the store.
            if ((await _services.Runs.GetRunAsync(run.RunId, CancellationToken.None))?.CancelRequestedBy is { } by)
                Cancel(active, by);
            var (state, reason) = await execution.ExecuteAsync(earlier, active.Cancellation.Token);
            if (active.Lost)
            {
                // Another process holds the run now (or it ended elsewhere): its record is theirs to write.
                return (await _services.Runs.GetRunAsync(run.RunId, CancellationToken.None) ?? run, false);
            }
            if (state == RunState.Cancelled && active.ByUser)
            {
                reason = active.CancelledBy is { } who ? $"cancelled by {who}" : reason;
            }
            else if (state == RunState.Cancelled && interruptible && cancellationToken.IsCancellationRequested)
            {
                // Stopped with its process: still running, held by nobody once the lease is given up, so the next scheduler
                // (or this one restarted) resumes it.
                reason = $"interrupted: {Owner} stopped; a run scheduler resumes it";
                run = run with { State = RunState.Running, Reason = reason, UpdatedAt = _services.Time.GetUtcNow() };
                await _services.Runs.SaveRunAsync(run, CancellationToken.None);
                await execution.Journal.RecordAsync("RunInterrupted", message: reason);
                return (run, true);
            }
            run = run with { State = state, Reason = reason, UpdatedAt = _services.Time.GetUtcNow() };
            await _services.Runs.SaveRunAsync(run, CancellationToken.None);
            await execution.Journal.RecordAsync("RunCompleted", status: Camel(state), message: reason);
            Log.RunCompleted(_services.Logger, run.RunId, state, reason);
            return (run, false);
        }
        catch (Exception e)
        {
            // A bug or a store failure (a full disk): leave a failed run behind rather than one that looks alive.
            Log.RunCrashed(_services.Logger, e, run.RunId);
            await FailAsync(run, $"engine error: {e.Message}");
            throw;
        }
    }

    // The record may not be writable (a full disk is the usual cause); the lease then runs out and recovery fails the run.
    private async Task FailAsync(RunRecord run, string reason)
    {
        try
        {
            await _services.Runs.SaveRunAsync(run with { State = RunState.Failed, Reason = reason, UpdatedAt = _services.Time.GetUtcNow() }, CancellationToken.None);
            await _services.Audit.AppendAsync(new AuditRecord { At = _services.Time.GetUtcNow(), Actor = RunJournal.System, Action = "RunCompleted", RunId = run.RunId, Detail = reason }, CancellationToken.None);
        }
        catch (Exception e)
        {
            Log.RunNotRecorded(_services.Logger, e, run.RunId);
        }
    }

    private static void Cancel(ActiveRun active, string by)
    {
        active.ByUser = true;
        active.CancelledBy ??= by;
        try
        {
            active.Cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static void Lose(ActiveRun active)
    {
        active.Lost = true;
        try
        {
            active.Cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void DeleteWorkspace(string folder)
    {
        try
        {
            TreeDelete.Delete(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The janitor tries again later.
            Log.WorkspaceNotDeleted(_services.Logger, e, folder);
        }
    }

    // Bus dispatch only: an open attempt no worker has taken, starting in the future, is a retry in the delay queue.
    private bool IsScheduledRetry(StageAttempt attempt, DateTimeOffset now) =>
        _services.Options.Dispatch == ActivityDispatch.Bus && attempt.Worker is null && attempt.StartedAt > now;

    private static string Camel(RunState state) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(state.ToString());

    private sealed class ActiveRun(CancellationTokenSource cancellation, Task completion)
    {
        public CancellationTokenSource Cancellation { get; } = cancellation;

        public Task Completion { get; } = completion;

        /// <summary>Cancelled on request (not by a stopping process).</summary>
        public bool ByUser { get; set; }

        /// <summary>Who asked, when known.</summary>
        public string? CancelledBy { get; set; }

        /// <summary>The run's lease went elsewhere: stop without writing its end.</summary>
        public bool Lost { get; set; }
    }
}
