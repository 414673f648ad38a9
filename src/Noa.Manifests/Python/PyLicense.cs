namespace Noa.Manifests.Python;

/// <summary>The licence a pyproject.toml declares.</summary>
/// <param name="Field">Where: <c>project.license</c> (PEP 639: an SPDX expression), <c>project.license.text</c>, <c>project.license.file</c>,
/// or <c>tool.poetry.license</c>.</param>
/// <param name="Value">The text as written.</param>
public sealed record PyLicense(string Field, string Value);
