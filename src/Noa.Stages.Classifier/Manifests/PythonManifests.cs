using System.Text.RegularExpressions;

namespace Noa.Stages.Classifier.Manifests;

/// <summary>requirements*.txt, Pipfile and pyproject.toml (PEP 621, Poetry, uv, PEP 639 licences).</summary>
internal static partial class PythonManifests
{
    [GeneratedRegex(@"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)", RegexOptions.CultureInvariant)]
    private static partial Regex RequirementName();

    private static readonly (string Backend, string Id, string Name)[] Backends =
    [
        ("poetry", "poetry", "Poetry"), ("hatchling", "hatch", "Hatch"), ("setuptools", "setuptools", "setuptools"),
        ("flit", "flit", "Flit"), ("pdm", "pdm", "PDM"), ("maturin", "maturin", "maturin"), ("uv_build", "uv", "uv"),
        ("scikit_build", "scikit-build", "scikit-build"), ("mesonpy", "meson-python", "meson-python"),
    ];

    public static string Normalize(string name) => name.ToLowerInvariant().Replace('_', '-').Replace('.', '-');

    public static void Requirements(string path, string text, Findings findings)
    {
        findings.BuildSystem("pip", "pip", "package-manager", "pypi", path, "requirements file");
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or '-')
            {
                continue;
            }
            var m = RequirementName().Match(line);
            if (m.Success)
            {
                findings.Dependency("pypi", Normalize(m.Groups[1].Value), path, $"line {lineNo}: {line}");
            }
        }
    }

    public static void Pipfile(string path, string text, Findings findings)
    {
        findings.BuildSystem("pipenv", "Pipenv", "package-manager", "pypi", path, "Pipfile");
        foreach (var e in TomlLite.Parse(text))
        {
            if (e.Table == "packages")
            {
                findings.Dependency("pypi", Normalize(e.Key), path, $"[packages] {e.Key}");
            }
        }
    }

    public static void Pyproject(string path, string text, Findings findings)
    {
        foreach (var e in TomlLite.Parse(text))
        {
            switch (e.Table)
            {
                case "project" when e.Key == "dependencies":
                case "project.optional-dependencies":
                case "dependency-groups":
                    foreach (var req in TomlLite.Strings(e.Value))
                    {
                        var m = RequirementName().Match(req);
                        if (m.Success)
                        {
                            findings.Dependency("pypi", Normalize(m.Groups[1].Value), path, $"[{e.Table}] {e.Key}: {req}");
                        }
                    }
                    break;
                case "tool.poetry.dependencies":
                    if (e.Key != "python")
                    {
                        findings.Dependency("pypi", Normalize(e.Key), path, $"[{e.Table}] {e.Key}");
                    }
                    break;
                case "project.scripts":
                case "tool.poetry.scripts":
                    findings.Service("cli", 3, new Evidence(path, $"[{e.Table}] {e.Key}"));
                    break;
                case "build-system" when e.Key == "build-backend":
                    var backend = TomlLite.Scalar(e.Value);
                    foreach (var (prefix, id, name) in Backends)
                    {
                        if (backend.StartsWith(prefix, StringComparison.Ordinal))
                        {
                            findings.BuildSystem(id, name, "build-system", "pypi", path, "build-backend = " + backend);
                            break;
                        }
                    }
                    break;
                case "project" when e.Key == "license":
                    License(path, e, findings);
                    break;
                case "project" when e.Key == "classifiers":
                    foreach (var c in TomlLite.Strings(e.Value))
                    {
                        if (c.StartsWith("License :: ", StringComparison.Ordinal) && c.Count(ch => ch == ':') >= 4)
                        {
                            findings.Declare(LicenseDeclarations.Named(path, "classifiers", c));
                        }
                    }
                    break;
                case "tool.poetry" when e.Key == "license":
                    findings.Declare(LicenseDeclarations.Expression(path, "tool.poetry.license", TomlLite.Scalar(e.Value)));
                    break;
            }
            if (e.Table.StartsWith("tool.poetry", StringComparison.Ordinal))
            {
                findings.BuildSystem("poetry", "Poetry", "package-manager", "pypi", path, "[tool.poetry]");
            }
            else if (e.Table.StartsWith("tool.uv", StringComparison.Ordinal))
            {
                findings.BuildSystem("uv", "uv", "package-manager", "pypi", path, "[tool.uv]");
            }
        }
    }

    private static void License(string path, TomlEntry e, Findings findings)
    {
        var value = e.Value.TrimStart();
        if (!value.StartsWith('{'))
        {
            // PEP 639: a plain string is an SPDX expression.
            findings.Declare(LicenseDeclarations.Expression(path, "project.license", TomlLite.Scalar(value)));
            return;
        }
        var parts = TomlLite.Parse(value.Trim('{', '}').Replace(",", "\n", StringComparison.Ordinal));
        var textPart = parts.FirstOrDefault(p => p.Key == "text");
        if (textPart is not null)
        {
            findings.Declare(LicenseDeclarations.Named(path, "project.license.text", TomlLite.Scalar(textPart.Value)));
        }
    }
}
