namespace Noa.Abstractions.Graph;

/// <summary>
/// What a reader of <c>kg.json</c> keeps (<see cref="KnowledgeGraph.ReadAsync(Stream, KgFilter, CancellationToken)"/>). A node or
/// edge left out is passed over by the streaming reader without being built; a list left out is skipped as it streams past.
/// Stats and version are always read.
/// </summary>
public sealed record KgFilter
{
    /// <summary>Everything: the whole graph.</summary>
    public static KgFilter All { get; } = new();

    /// <summary>Nothing: an empty set of kinds (for <see cref="NodeKinds"/> or <see cref="EdgeKinds"/>).</summary>
    public static IReadOnlySet<string> None { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Node kinds kept; null keeps every kind.</summary>
    public IReadOnlySet<string>? NodeKinds { get; init; }

    /// <summary>Nodes kept whatever their kind (a stage that needs the nodes its edges name); null adds none.</summary>
    public IReadOnlySet<string>? NodeIds { get; init; }

    /// <summary>Edge kinds kept; null keeps every kind.</summary>
    public IReadOnlySet<string>? EdgeKinds { get; init; }

    /// <summary>Whether flows are kept.</summary>
    public bool Flows { get; init; } = true;

    /// <summary>Whether the skipped files are kept.</summary>
    public bool Skipped { get; init; } = true;

    /// <summary>Nodes of these kinds only; no edge, flow or skipped file.</summary>
    public static KgFilter Nodes(params string[] kinds) => new()
    {
        NodeKinds = new HashSet<string>(kinds, StringComparer.Ordinal), EdgeKinds = None, Flows = false, Skipped = false,
    };

    internal bool KeepsNode(string? kind, string? id) =>
        NodeKinds is null || (kind is not null && NodeKinds.Contains(kind)) || (id is not null && NodeIds?.Contains(id) == true);

    internal bool KeepsEdge(string? kind) => EdgeKinds is null || (kind is not null && EdgeKinds.Contains(kind));

    /// <summary>Whether a node's id must be looked at to decide (its kind alone does not).</summary>
    internal bool NeedsNodeId => NodeKinds is not null && NodeIds is { Count: > 0 };
}
