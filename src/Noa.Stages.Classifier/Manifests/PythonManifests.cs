using System.Text.RegularExpressions;
using Noa.Manifests.Python;
using Noa.Manifests.Toml;
using Tomlyn;

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
        if (!TomlDocument.TryParse(text, out var toml, out var error))
        {
            findings.Unread(path, $"not valid TOML: {error}");
            return;
        }
        foreach (var (name, _) in toml.Entries("packages"))
        {
            findings.Dependency("pypi", Normalize(name), path, $"[packages] {name}");
        }
        foreach (var (name, _) in toml.Entries("dev-packages"))
        {
            findings.DevDependency("pypi", Normalize(name), path, $"[dev-packages] {name}");
        }
    }

    // Not valid TOML: the build system is known by the file's name, nothing else is read (pip would refuse it too).
    public static void Pyproject(string path, string text, Findings findings)
    {
        PyProject project;
        try
        {
            project = PyProject.Parse(text);
        }
        catch (TomlException e)
        {
            findings.Unread(path, $"not valid TOML: {e.Message}");
            return;
        }
        foreach (var d in project.Dependencies)
        {
            var detail = $"[{d.Section}] {d.Requirement ?? (d.PoetrySpec is null ? d.Name : $"{d.Name} = \"{d.PoetrySpec}\"")}";
            if (d.Kind == PyDependencyKind.Dev)
            {
                findings.DevDependency("pypi", Normalize(d.Name), path, detail);
            }
            else
            {
                findings.Dependency("pypi", Normalize(d.Name), path, detail);
            }
        }
        foreach (var script in project.Scripts)
        {
            findings.Service("cli", 3, new Evidence(path, $"[{script.Section}] {script.Name}"));
        }
        if (project.BuildBackend is { } backend)
        {
            foreach (var (prefix, id, name) in Backends)
            {
                if (backend.StartsWith(prefix, StringComparison.Ordinal))
                {
                    findings.BuildSystem(id, name, "build-system", "pypi", path, "build-backend = " + backend);
                    break;
                }
            }
        }
        foreach (var license in project.Licenses)
        {
            switch (license.Field)
            {
                // PEP 639: a plain string is an SPDX expression; Poetry's licence is one too.
                case "project.license" or "tool.poetry.license":
                    findings.Declare(LicenseDeclarations.Expression(path, license.Field, license.Value));
                    break;
                case "project.license.text":
                    findings.Declare(LicenseDeclarations.Named(path, license.Field, license.Value));
                    break;
            }
        }
        foreach (var c in project.Classifiers)
        {
            if (c.StartsWith("License :: ", StringComparison.Ordinal) && c.Count(ch => ch == ':') >= 4)
            {
                findings.Declare(LicenseDeclarations.Named(path, "classifiers", c));
            }
        }
        // The authors' own word on what the package is: a library (Flask, with its `flask` helper command) says
        // "Topic :: Software Development :: Libraries". A command line says "Environment :: Console", and many list the Libraries
        // topic out of habit too, so the topic counts only without it. Strong (an SDK's weight): it outweighs the helper command
        // and the click dependency of a framework.
        var console = project.Classifiers.FirstOrDefault(c => c.StartsWith("Environment :: Console", StringComparison.Ordinal));
        var library = project.Classifiers.FirstOrDefault(c => c.StartsWith("Topic :: Software Development :: Libraries", StringComparison.Ordinal));
        if (console is null && library is not null)
        {
            findings.AppKind("library", 8, new Evidence(path, $"classifiers: {library}"));
        }
        if (project.UsesPoetry)
        {
            findings.BuildSystem("poetry", "Poetry", "package-manager", "pypi", path, "[tool.poetry]");
        }
        if (project.UsesUv)
        {
            findings.BuildSystem("uv", "uv", "package-manager", "pypi", path, "[tool.uv]");
        }
    }
}
