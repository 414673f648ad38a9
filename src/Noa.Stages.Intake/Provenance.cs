using Noa.Abstractions;

namespace Noa.Stages.Intake;

/// <summary>The content of <c>provenance.json</c>; its schema is <c>schemas/provenance.schema.json</c>.</summary>
internal sealed record Provenance
{
    public const string BundlePath = "provenance.json";

    public int Version { get; init; } = 1;

    public required SourceKind Kind { get; init; }

    /// <summary>The source as given, credentials redacted.</summary>
    public required string Locator { get; init; }

    public string? ResolvedCommit { get; init; }

    public string? Ref { get; init; }

    /// <summary>The commit asked for (the resolved one is <see cref="ResolvedCommit"/>).</summary>
    public string? Commit { get; init; }

    public required string TreeHash { get; init; }

    public required int Files { get; init; }

    public required long Bytes { get; init; }

    public required string RequestedBy { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }

    public required ToolInfo Tool { get; init; }

    public GitDetails? Git { get; init; }

    public ArchiveDetails? Archive { get; init; }

    public OpenApiDetails? OpenApi { get; init; }

    public ModelListDetails? ModelList { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];
}
