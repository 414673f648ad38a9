using Noa.Stages.Integrator.Model;

namespace Noa.Stages.Integrator.Python;

/// <summary><c>pyproject.toml</c> (setuptools, no runtime dependencies) and the packaging steps the README lists.</summary>
internal static class PythonPackaging
{
    public static string PyProject(ApiModel model, string distribution, string package, string version) => $"""
        [build-system]
        requires = ["setuptools>=61"]
        build-backend = "setuptools.build_meta"

        [project]
        name = {PythonSyntax.String(distribution)}
        version = {PythonSyntax.String(version)}
        description = {PythonSyntax.String("Typed client for " + model.Title)}
        readme = "README.md"
        requires-python = ">=3.11"
        dependencies = []
        classifiers = ["Typing :: Typed", "Programming Language :: Python :: 3"]

        [project.optional-dependencies]
        telemetry = ["opentelemetry-api>=1.20"]

        [tool.setuptools.package-data]
        {package} = ["py.typed"]

        [tool.mypy]
        strict = true

        """;

    public static IEnumerable<string> Steps(string distribution, string version) =>
    [
        "## Packaging",
        "",
        "```sh",
        "python3 -m pip install build twine",
        $"# the version is in pyproject.toml ({version}); raise it when the API changes",
        "python3 -m build                     # sdist and wheel in dist/",
        "python3 -m twine check dist/*",
        "python3 -m twine upload dist/*       # or --repository-url for a private index",
        "```",
        "",
        $"Install from a checkout with `pip install .` (or `pip install .[telemetry]` for OpenTelemetry spans); the distribution is `{distribution}`.",
    ];
}
