namespace Noa.Manifests.Rust;

/// <summary>The dependency table a Cargo dependency is declared in.</summary>
public enum CargoDependencyKind
{
    /// <summary><c>[dependencies]</c>.</summary>
    Normal,

    /// <summary><c>[dev-dependencies]</c>.</summary>
    Dev,

    /// <summary><c>[build-dependencies]</c>.</summary>
    Build,
}
