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
}
