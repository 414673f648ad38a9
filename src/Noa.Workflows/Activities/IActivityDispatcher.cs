using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>Executes one activity attempt somewhere and returns how it ended; retries, gates and records stay with the engine.</summary>
internal interface IActivityDispatcher
{
    /// <summary>Runs the attempt to its end, its start-to-close timeout or the run's cancellation (a <c>Cancelled</c> failure).</summary>
    Task<DispatchResult> DispatchAsync(ActivityInvocation invocation, CancellationToken runToken);
}
