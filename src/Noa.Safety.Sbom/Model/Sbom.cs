namespace Noa.Safety.Sbom;

/// <summary>The bill of materials of one project: components sorted by purl, edges, the files that had problems, and the
/// manifests left out because they sit in test-fixture folders.</summary>
public sealed record Sbom(
    string ProjectName,
    string ProjectRef,
    IReadOnlyList<Component> Components,
    IReadOnlyList<Dependency> Dependencies,
    IReadOnlyList<SbomProblem> Problems,
    IReadOnlyList<string> ExcludedFixtures);
