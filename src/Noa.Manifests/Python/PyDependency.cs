namespace Noa.Manifests.Python;

/// <summary>A dependency of a pyproject.toml.</summary>
/// <param name="Name">The distribution name as written.</param>
/// <param name="Requirement">The PEP 508 requirement as written (PEP 621, PEP 735); null for Poetry's tables.</param>
/// <param name="PoetrySpec">Poetry's version constraint (<c>"^2.0"</c>, or the <c>version</c> of a table); null when none or not Poetry.</param>
/// <param name="Kind">What it is for.</param>
/// <param name="Section">Where it is declared, e.g. <c>project.dependencies</c>, <c>project.optional-dependencies.docs</c>,
/// <c>dependency-groups.dev</c>, <c>tool.poetry.dependencies</c>, <c>tool.poetry.group.test.dependencies</c>.</param>
public sealed record PyDependency(string Name, string? Requirement, string? PoetrySpec, PyDependencyKind Kind, string Section);
