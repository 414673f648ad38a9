namespace Noa.Abstractions;

/// <summary>An entry of the audit trail: who did what, when, why, for which run.</summary>
public sealed record AuditRecord
{
    /// <summary>When it happened.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Who: a user, an API key id, or <c>system</c>.</summary>
    public required string Actor { get; init; }

    /// <summary>What, as a past-tense event name (<c>RunStarted</c>, <c>StageCompleted</c>, <c>GateFailed</c>, <c>ApiCalled</c>).</summary>
    public required string Action { get; init; }

    /// <summary>The run concerned, if any.</summary>
    public string? RunId { get; init; }

    /// <summary>The object acted on: a stage, an endpoint, a key.</summary>
    public string? Subject { get; init; }

    /// <summary>Why, or further detail (JSON or plain text).</summary>
    public string? Detail { get; init; }
}
