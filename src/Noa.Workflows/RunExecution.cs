using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>
/// One execution of a run in this process: schedules the DAG, starting every stage whose dependencies
/// have ended (bounded by the engine's activity slots), skipping stages that a failure or a failed gate
/// cuts off, and turning the stage results into the run's final state.
/// </summary>
internal sealed class RunExecution : IAsyncDisposable
{
    private readonly WorkflowDefinition _definition;
    private readonly EngineServices _services;
    private readonly SemaphoreSlim _sourceLock = new(1, 1);
    private readonly Dictionary<string, DateTimeOffset> _scheduled = new(StringComparer.Ordinal);
    private SnapshotSourceTree? _source;
    private RunRecord _run;

    public RunExecution(WorkflowDefinition definition, RunRecord run, EngineServices services)
    {
        (_definition, _services, _run) = (definition, services, run);
        RunId = run.RunId;
        Request = run.Request;
        RunFolder = Path.Combine(Path.GetFullPath(services.Options.WorkspaceRoot), run.RunId);
        Journal = new RunJournal(run.RunId, services.Audit, services.Bus, services.Time, services.Logger);
    }

    public string RunId { get; }

    public DigestRequest Request { get; }

    public RunJournal Journal { get; }

    /// <summary><c>{WorkspaceRoot}/{runId}</c>: stage workspaces and the materialised source.</summary>
    public string RunFolder { get; }

    /// <summary>
    /// Runs every stage not already done (by <paramref name="earlier"/> attempts) to its end and returns the run's
    /// final state and reason.
    /// </summary>
    public async Task<(RunState State, string? Reason)> ExecuteAsync(IReadOnlyList<StageAttempt> earlier, CancellationToken cancellationToken)
    {
        var stages = Request.Only is { Count: > 0 } only ? _definition.Closure(only) : _definition.Stages;
        var results = new Dictionary<string, StageResult>(StringComparer.Ordinal);
        var nextAttempt = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            var last = earlier.Where(a => a.Stage == stage.Name).MaxBy(a => a.Attempt);
            nextAttempt[stage.Name] = (last?.Attempt ?? 0) + 1;
            if (last is { Status: null })
            {
                // Kept open by a resume: a retry that waits in the delay queue; it continues under its own number.
                nextAttempt[stage.Name] = last.Attempt;
                _scheduled[stage.Name] = last.StartedAt;
            }
            if (last?.Status == StageStatus.Succeeded)
                results[stage.Name] = StageResult.Completed;
            else if (last?.Status == StageStatus.GateFailed)
                results[stage.Name] = new StageResult(StageResultKind.GateFailed, last.Message);
        }

        var running = new Dictionary<Task<StageResult>, string>();
        while (true)
        {
            if (!cancellationToken.IsCancellationRequested)
                await ScheduleAsync(stages, results, running, nextAttempt, cancellationToken);
            if (running.Count == 0)
                break;
            var done = await Task.WhenAny(running.Keys);
            results[running[done]] = await done;
            running.Remove(done);
            if (running.Count > 0 || results.Count < stages.Count)
                await MarkUsableAsync(stages, results);
        }
        return Conclude(stages, results);
    }

    /// <summary>The stage's scratch folder, created by the stage if it needs one.</summary>
    public string WorkspaceFor(string stage) => Path.Combine(RunFolder, stage);

    /// <summary>The snapshot written by Intake, once it exists; loaded once per execution.</summary>
    public async Task<ISourceTree?> GetSourceAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _source) is { } loaded)
            return loaded;
        await _sourceLock.WaitAsync(cancellationToken);
        try
        {
            if (_source is not null)
                return _source;
            Volatile.Write(ref _source, await SnapshotSourceTree.LoadAsync(RunId, _services.Artifacts, _services.Runs, Path.Combine(RunFolder, "source"), cancellationToken));
            return _source;
        }
        finally
        {
            _sourceLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Journal.DisposeAsync();
        _source?.Dispose();
        _sourceLock.Dispose();
    }

    // Repeats until nothing changes, because skipping a stage can settle its dependents at once.
    private async Task ScheduleAsync(IReadOnlyList<IStageDefinition> stages, Dictionary<string, StageResult> results,
        Dictionary<Task<StageResult>, string> running, Dictionary<string, int> nextAttempt, CancellationToken cancellationToken)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var stage in stages)
            {
                if (results.ContainsKey(stage.Name) || running.ContainsValue(stage.Name)
                    || !stage.Dependencies.All(d => results.ContainsKey(d.Stage)))
                    continue;
                if (SkipCause(stage, results) is { } cause)
                {
                    await RecordSkipAsync(stage.Name, nextAttempt[stage.Name], cause);
                    results[stage.Name] = new StageResult(StageResultKind.Skipped, cause);
                    changed = true;
                    continue;
                }
                var activity = new StageActivity(stage, this, _services);
                DateTimeOffset? dueAt = _scheduled.TryGetValue(stage.Name, out var due) ? due : null;
                running.Add(activity.RunAsync(nextAttempt[stage.Name], dueAt, cancellationToken), stage.Name);
            }
        }
        while (changed);
    }

    // The first time every knowing stage has delivered while stages are still to run: the run is usable (RunUsability), said once
    // on the record and in a RunUsable event that names what is still running.
    private async Task MarkUsableAsync(IReadOnlyList<IStageDefinition> stages, Dictionary<string, StageResult> results)
    {
        if (_run.UsableAt is not null || !RunUsability.IsUsable(stages.Select(s => s.Name), s => results.GetValueOrDefault(s)?.Kind is StageResultKind.Completed or StageResultKind.GateFailed))
            return;
        var now = _services.Time.GetUtcNow();
        _run = _run with { UsableAt = now, UpdatedAt = now };
        await _services.Runs.SaveRunAsync(_run, CancellationToken.None);
        var still = stages.Select(s => s.Name).Where(s => !results.ContainsKey(s));
        await Journal.RecordAsync("RunUsable", status: "usable",
            message: $"{RunUsability.Gives(stages.Select(s => s.Name))}; still running: {string.Join(", ", still)}");
    }

    private static string? SkipCause(IStageDefinition stage, Dictionary<string, StageResult> results)
    {
        foreach (var dependency in stage.Dependencies)
        {
            var result = results[dependency.Stage];
            switch (result.Kind)
            {
                case StageResultKind.Failed:
                    return $"dependency '{dependency.Stage}' failed";
                case StageResultKind.Skipped:
                    return $"dependency '{dependency.Stage}' was skipped";
                case StageResultKind.Cancelled:
                    return $"dependency '{dependency.Stage}' was cancelled";
                case StageResultKind.GateFailed when dependency.RequiresPass:
                    return $"blocked by gate '{dependency.Stage}': {result.Message}";
            }
        }
        return null;
    }

    private async Task RecordSkipAsync(string stage, int attempt, string cause)
    {
        var now = _services.Time.GetUtcNow();
        await _services.Runs.SaveAttemptAsync(new StageAttempt
        {
            RunId = RunId, Stage = stage, Attempt = attempt, Status = StageStatus.Skipped, StartedAt = now, EndedAt = now, Message = cause,
        }, CancellationToken.None);
        await Journal.RecordAsync("StageSkipped", stage, attempt, "skipped", cause);
    }

    // A failure outranks a failed gate: the run could not finish, whatever the gate said.
    private static (RunState, string?) Conclude(IReadOnlyList<IStageDefinition> stages, Dictionary<string, StageResult> results)
    {
        var ordered = stages.Select(s => results.GetValueOrDefault(s.Name)).ToArray();
        if (ordered.Any(r => r is null || r.Kind == StageResultKind.Cancelled))
            return (RunState.Cancelled, "cancelled");
        if (ordered.FirstOrDefault(r => r!.Kind == StageResultKind.Failed) is { } failed)
            return (RunState.Failed, failed.Message);
        if (ordered.FirstOrDefault(r => r!.Kind == StageResultKind.GateFailed) is { } gate)
            return (RunState.Blocked, gate.Message);
        return (RunState.Succeeded, null);
    }
}
