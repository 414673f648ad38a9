namespace Noa.Manifests.Rust;

/// <summary>A dependency of a Cargo.toml, in the short (<c>serde = "1"</c>), table (<c>[dependencies.serde]</c>), inline-table or dotted-key
/// (<c>serde.version = "1"</c>) form.</summary>
/// <param name="Key">The key as written (the name the crate's code uses).</param>
/// <param name="Package">The package on the registry: <c>package = "…"</c> when renamed, else <paramref name="Key"/>.</param>
/// <param name="Version">The version requirement, if any.</param>
/// <param name="Path">A local path dependency (the project's own code).</param>
/// <param name="Git">A git dependency's URL.</param>
/// <param name="Workspace"><c>workspace = true</c>: the version comes from <c>[workspace.dependencies]</c>.</param>
/// <param name="Optional"><c>optional = true</c> (behind a feature).</param>
/// <param name="Kind">normal, dev or build.</param>
/// <param name="Target">The <c>cfg(…)</c> or triple of <c>[target.X.dependencies]</c>; null for every target.</param>
public sealed record CargoDependency(string Key, string Package, string? Version, string? Path, string? Git, bool Workspace, bool Optional,
    CargoDependencyKind Kind, string? Target);
