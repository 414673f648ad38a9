namespace Noa.Abstractions.Profiles;

/// <summary>Build systems and frameworks found only outside the repository's own code (examples, documentation):
/// what they show is not the product's.</summary>
/// <param name="BuildSystems">Build systems and package managers, sorted by id.</param>
/// <param name="Frameworks">Frameworks and libraries, sorted by id.</param>
public sealed record Elsewhere(IReadOnlyList<Detection> BuildSystems, IReadOnlyList<Detection> Frameworks);
