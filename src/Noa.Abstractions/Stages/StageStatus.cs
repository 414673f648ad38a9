namespace Noa.Abstractions;

/// <summary>How a stage attempt ended.</summary>
public enum StageStatus
{
    /// <summary>The stage completed and wrote its artifacts.</summary>
    Succeeded,

    /// <summary>The stage completed, and its gate decided that dependents needing a pass must not run.</summary>
    GateFailed,

    /// <summary>The attempt failed; <see cref="StageOutcome.Failure"/> says why and whether to retry.</summary>
    Failed,

    /// <summary>The stage was not run (excluded by <c>--only</c>, or blocked by a failed gate).</summary>
    Skipped,
}
