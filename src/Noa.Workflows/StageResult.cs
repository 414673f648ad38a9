namespace Noa.Workflows;

/// <summary>Where a stage ended up in one execution of a run, as the scheduler sees it.</summary>
internal enum StageResultKind
{
    /// <summary>Succeeded (or the stage itself reported Skipped): dependents may run.</summary>
    Completed,

    /// <summary>Completed with a failed gate: dependents requiring a pass are skipped.</summary>
    GateFailed,

    /// <summary>Failed after its retries: dependents are skipped.</summary>
    Failed,

    /// <summary>Not run because a dependency failed or a gate blocked it: its dependents are skipped too.</summary>
    Skipped,

    /// <summary>Interrupted by cancellation of the run.</summary>
    Cancelled,
}

/// <summary>A stage's result and the message that explains it (failure, gate rationale, skip cause).</summary>
internal sealed record StageResult(StageResultKind Kind, string? Message = null)
{
    public static readonly StageResult Completed = new(StageResultKind.Completed);
    public static readonly StageResult Cancelled = new(StageResultKind.Cancelled, "cancelled");
}
