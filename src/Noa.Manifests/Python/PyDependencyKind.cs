namespace Noa.Manifests.Python;

/// <summary>What a declared Python dependency is for.</summary>
public enum PyDependencyKind
{
    /// <summary>Installed with the package: <c>[project] dependencies</c>, Poetry's main dependencies.</summary>
    Runtime,

    /// <summary>Installed on request: an extra of <c>[project.optional-dependencies]</c>, or a Poetry dependency with <c>optional = true</c>.</summary>
    Optional,

    /// <summary>For development: PEP 735 <c>[dependency-groups]</c>, Poetry's dev-dependencies and groups.</summary>
    Dev,
}
