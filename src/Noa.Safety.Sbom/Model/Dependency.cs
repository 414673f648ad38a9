namespace Noa.Safety.Sbom;

/// <summary>The components one component (or the project) depends on, by reference.</summary>
public sealed record Dependency(string Ref, IReadOnlyList<string> DependsOn);
