namespace Noa.Safety.Sbom;

/// <summary>The bill of materials of one project: components sorted by purl, edges, and the files that had problems.</summary>
public sealed record Sbom(
    string ProjectName,
    string ProjectRef,
    IReadOnlyList<Component> Components,
    IReadOnlyList<Dependency> Dependencies,
    IReadOnlyList<SbomProblem> Problems);
