using Noa.Abstractions;

namespace Noa.Gateway.Tests;

/// <summary>A stage after Intake that holds the run until released or cancelled, so tests can act on a running run.</summary>
internal sealed class HoldStage : IStage
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => "hold";

    public IReadOnlyList<StageDependency> Dependencies { get; } = [new("intake")];

    public Task Entered => _entered.Task;

    public void Release() => _release.TrySetResult();

    public async Task<StageOutcome> ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        await _release.Task.WaitAsync(cancellationToken);
        return StageOutcome.Success("released");
    }
}
