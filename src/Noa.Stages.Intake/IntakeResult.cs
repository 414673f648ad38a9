namespace Noa.Stages.Intake;

/// <summary>What a source reader found: the files and the kind-specific provenance details.</summary>
internal sealed class IntakeResult
{
    public List<CollectedFile> Files { get; } = [];

    public List<string> Warnings { get; } = [];

    public string? ResolvedCommit { get; set; }

    public GitDetails? Git { get; set; }

    public ArchiveDetails? Archive { get; set; }

    public OpenApiDetails? OpenApi { get; set; }

    public ModelListDetails? ModelList { get; set; }
}
