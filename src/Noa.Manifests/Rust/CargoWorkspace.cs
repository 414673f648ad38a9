namespace Noa.Manifests.Rust;

/// <summary>The <c>[workspace]</c> of a Cargo.toml.</summary>
/// <param name="Members">Member globs, relative to the manifest.</param>
/// <param name="Exclude">Excluded paths.</param>
/// <param name="Dependencies"><c>[workspace.dependencies]</c> by key, which members inherit with <c>workspace = true</c>.</param>
/// <param name="License"><c>workspace.package.license</c>, which members inherit.</param>
public sealed record CargoWorkspace(IReadOnlyList<string> Members, IReadOnlyList<string> Exclude, IReadOnlyDictionary<string, CargoDependency> Dependencies,
    string? License);
