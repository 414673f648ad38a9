using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>Executes activities in the engine's own process, with the run's workspace, snapshot and journal.</summary>
internal sealed class InProcessActivityDispatcher : IActivityDispatcher
{
    public static readonly InProcessActivityDispatcher Instance = new();

    public async Task<DispatchResult> DispatchAsync(ActivityInvocation invocation, CancellationToken runToken)
    {
        var (definition, run, services, attempt, timeout) = invocation;
        if (definition is not IStage stage)
        {
            // A workflow built from the catalogue runs its stages on workers: an in-process engine cannot execute it.
            return new DispatchResult(StageOutcome.Fail("StageNotHosted",
                $"stage '{definition.Name}' is not hosted in this process and the engine dispatches in-process (Noa:Workflows:Dispatch)", nonRetryable: true), Recorded: false);
        }
        return new DispatchResult(await StageInvoker.InvokeAsync(stage, async token => new StageContext
        {
            RunId = run.RunId,
            Request = run.Request,
            Attempt = attempt.Attempt,
            Workspace = run.WorkspaceFor(stage.Name),
            Artifacts = new RunArtifacts(run.RunId, stage.Name, services.Artifacts, services.Runs),
            Source = await run.GetSourceAsync(token),
            Progress = new StageProgressReporter(run.Journal, stage.Name, attempt.Attempt, services.Time),
            Time = services.Time,
        }, timeout, services.Options.RetryPolicyFor(stage.Name), services.Time, services.Logger, run.RunId, attempt.Attempt, runToken), Recorded: false);
    }
}
