namespace Noa.Abstractions;

/// <summary>One workflow run as stored in the metadata store.</summary>
public sealed record RunRecord
{
    /// <summary>Unique run id.</summary>
    public required string RunId { get; init; }

    /// <summary>Name of the workflow definition, e.g. <c>digest</c>.</summary>
    public required string Workflow { get; init; }

    /// <summary>The request that started the run.</summary>
    public required DigestRequest Request { get; init; }

    /// <summary>Current state.</summary>
    public required RunState State { get; init; }

    /// <summary>When the run was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last change of the record.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Why the run ended the way it did (failure message or gate rationale).</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// The process executing the run (<c>{host}/{pid}/{instance}</c>), while it holds the run's lease; null when nobody
    /// does. Written only by <see cref="IRunStore.TryLeaseRunAsync"/> and <see cref="IRunStore.ReleaseRunAsync"/>; a
    /// <see cref="IRunStore.SaveRunAsync"/> keeps it, except that saving an ended run clears it (an ended run is held by nobody).
    /// </summary>
    public string? Owner { get; init; }

    /// <summary>Until when <see cref="Owner"/>'s lease holds; an open run whose lease ended is orphaned and may be taken over.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>Who asked for the run to be cancelled while it was open (<see cref="IRunStore.RequestCancelAsync"/>); the process
    /// executing it stops it. Cleared when an ended run is opened again.</summary>
    public string? CancelRequestedBy { get; init; }

    /// <summary>
    /// When the run first became usable (<see cref="RunUsability"/>: its knowing stages ended with their outputs) while stages
    /// were still to run; null before then, and for a run that never got there. The store keeps the first one it is given.
    /// </summary>
    public DateTimeOffset? UsableAt { get; init; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the run's first span (null when nobody traced it). A process that resumes the run after
    /// a restart starts its span under it, so the run's spans stay one trace. The store keeps the first one it is given.
    /// </summary>
    public string? TraceParent { get; init; }
}
