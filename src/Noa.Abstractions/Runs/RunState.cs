namespace Noa.Abstractions;

/// <summary>The life cycle of a workflow run.</summary>
public enum RunState
{
    /// <summary>Accepted, or being worked on.</summary>
    Running,

    /// <summary>Every stage succeeded or was skipped on purpose.</summary>
    Succeeded,

    /// <summary>A stage failed after its retries.</summary>
    Failed,

    /// <summary>A gate failed and the stages that need it did not run.</summary>
    Blocked,

    /// <summary>Cancelled on request.</summary>
    Cancelled,

    /// <summary>Accepted by the gateway and waiting on <c>runs.requests</c> for a scheduler to start it.</summary>
    Queued,
}
