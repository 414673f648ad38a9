namespace Noa.Abstractions;

/// <summary>Where a capsule is in its life.</summary>
public enum CapsuleState
{
    /// <summary>Its process tree runs.</summary>
    Running,

    /// <summary>It ended (see <see cref="CapsuleInfo.Result"/>: its exit, or the limit that ended it).</summary>
    Ended,
}

/// <summary>A capsule: what it runs, its state, limits, usage and result.</summary>
public sealed record CapsuleInfo
{
    /// <summary>Its id (<c>cap_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Its state.</summary>
    public required CapsuleState State { get; init; }

    /// <summary>The image asked for, or null for the host root.</summary>
    public string? Image { get; init; }

    /// <summary>The image id it runs on.</summary>
    public string? ImageId { get; init; }

    /// <summary>The command it runs.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Its egress policy.</summary>
    public required string Policy { get; init; }

    /// <summary>Its limits.</summary>
    public required SandboxLimits Limits { get; init; }

    /// <summary>What it used so far (or in all, once ended).</summary>
    public SandboxUsage Usage { get; init; } = SandboxUsage.None;

    /// <summary>How it ended, once it has.</summary>
    public SandboxResult? Result { get; init; }

    /// <summary>Inner port → the host's loopback endpoint publishing it.</summary>
    public IReadOnlyDictionary<int, string> PublishedPorts { get; init; } = new Dictionary<int, string>();

    /// <summary>What its policy agent decided, in order: each destination once per outcome, at most <see cref="MaxEgress"/>.</summary>
    public IReadOnlyList<CapsuleEgress> Egress { get; init; } = [];

    /// <summary>Egress decisions kept per capsule.</summary>
    public const int MaxEgress = 200;

    /// <summary>Its tenant.</summary>
    public required string Tenant { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? EndedAt { get; init; }
}
