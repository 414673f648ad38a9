using System.Text.RegularExpressions;
using Noa.Manifests.Toml;
using Tomlyn.Model;

namespace Noa.Manifests.Python;

/// <summary>
/// What a pyproject.toml declares, read once: PEP 621 <c>[project]</c> (name, dependencies, extras, scripts, licence, classifiers),
/// PEP 735 <c>[dependency-groups]</c>, PEP 517 <c>[build-system]</c>, Poetry's <c>[tool.poetry]</c> (also through dotted keys such as
/// <c>dependencies.requests = "^2"</c>) and uv's <c>[tool.uv]</c>.
/// </summary>
public sealed partial record PyProject
{
    /// <summary><c>project.name</c>, else <c>tool.poetry.name</c>.</summary>
    public string? Name { get; init; }

    /// <summary><c>project.requires-python</c>, else Poetry's <c>python</c> dependency.</summary>
    public string? RequiresPython { get; init; }

    /// <summary>Every declared dependency, in document order per section.</summary>
    public IReadOnlyList<PyDependency> Dependencies { get; init; } = [];

    /// <summary>Console and GUI scripts.</summary>
    public IReadOnlyList<PyScript> Scripts { get; init; } = [];

    /// <summary><c>build-system.build-backend</c>.</summary>
    public string? BuildBackend { get; init; }

    /// <summary>Declared licences: <c>project.license</c> (string, or table with text or file) and <c>tool.poetry.license</c>.</summary>
    public IReadOnlyList<PyLicense> Licenses { get; init; } = [];

    /// <summary>Trove classifiers of <c>[project]</c>.</summary>
    public IReadOnlyList<string> Classifiers { get; init; } = [];

    /// <summary>Whether a <c>[project]</c> table is there (a PEP 621 project, not only tool settings).</summary>
    public bool HasProject { get; init; }

    /// <summary>Whether <c>[tool.poetry]</c> is there.</summary>
    public bool UsesPoetry { get; init; }

    /// <summary>Whether <c>[tool.uv]</c> is there.</summary>
    public bool UsesUv { get; init; }

    /// <summary><c>tool.uv.workspace.members</c> (globs), when the file roots a uv workspace.</summary>
    public IReadOnlyList<string>? UvWorkspaceMembers { get; init; }

    /// <summary>Parses a pyproject.toml.</summary>
    /// <exception cref="Tomlyn.TomlException">It is not valid TOML.</exception>
    public static PyProject Parse(string text) => ManifestCache.GetOrAdd(text, static t => From(TomlDocument.Parse(t)));

    [GeneratedRegex(@"^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)")]
    private static partial Regex RequirementName();

    /// <summary>The distribution name of a PEP 508 requirement, or null.</summary>
    public static string? NameOf(string requirement) => RequirementName().Match(requirement) is { Success: true } m ? m.Groups[1].Value : null;

    private static PyProject From(TomlTable toml)
    {
        var project = toml.Table("project");
        var poetry = toml.Table("tool").Table("poetry");
        var dependencies = new List<PyDependency>();
        void Pep508(IEnumerable<string> requirements, PyDependencyKind kind, string section)
        {
            foreach (var r in requirements)
            {
                if (NameOf(r) is { } name)
                {
                    dependencies.Add(new PyDependency(name, r, null, kind, section));
                }
            }
        }
        Pep508(project.Strings("dependencies"), PyDependencyKind.Runtime, "project.dependencies");
        foreach (var (extra, _) in project.Entries("optional-dependencies"))
        {
            Pep508(project.Table("optional-dependencies").Strings(extra), PyDependencyKind.Optional, "project.optional-dependencies." + extra);
        }
        foreach (var (group, _) in toml.Entries("dependency-groups"))
        {
            Pep508(toml.Table("dependency-groups").Strings(group), PyDependencyKind.Dev, "dependency-groups." + group);
        }
        string? poetryPython = null;
        void Poetry(TomlTable? table, PyDependencyKind kind, string section)
        {
            foreach (var (name, value) in table ?? [])
            {
                if (name == "python")
                {
                    poetryPython ??= value as string;
                    continue;
                }
                if (value is string spec)
                {
                    dependencies.Add(new PyDependency(name, null, spec, kind, section));
                }
                else if (value is TomlTable t)
                {
                    dependencies.Add(new PyDependency(name, null, t.String("version"), t.Bool("optional") ? PyDependencyKind.Optional : kind, section));
                }
                else if (value is TomlArray alternatives && alternatives.OfType<TomlTable>().FirstOrDefault() is { } first)
                {
                    // Multiple constraints (per Python version or platform): the first names the version.
                    dependencies.Add(new PyDependency(name, null, first.String("version"), first.Bool("optional") ? PyDependencyKind.Optional : kind, section));
                }
            }
        }
        Poetry(poetry.Table("dependencies"), PyDependencyKind.Runtime, "tool.poetry.dependencies");
        Poetry(poetry.Table("dev-dependencies"), PyDependencyKind.Dev, "tool.poetry.dev-dependencies");
        foreach (var (group, _) in poetry.Entries("group"))
        {
            Poetry(poetry.Table("group").Table(group).Table("dependencies"), PyDependencyKind.Dev, $"tool.poetry.group.{group}.dependencies");
        }

        var scripts = new List<PyScript>();
        foreach (var (section, table) in new[] { ("project.scripts", project.Table("scripts")), ("project.gui-scripts", project.Table("gui-scripts")), ("tool.poetry.scripts", poetry.Table("scripts")) })
        {
            foreach (var (name, value) in table ?? [])
            {
                // Poetry also allows { reference = "module:function", type = "console" }.
                var target = value as string ?? (value as TomlTable).String("reference");
                if (target is not null)
                {
                    scripts.Add(new PyScript(name, target, section));
                }
            }
        }

        var licenses = new List<PyLicense>();
        if (project is not null && project.TryGetValue("license", out var license))
        {
            if (license is string expression)
            {
                licenses.Add(new PyLicense("project.license", expression));
            }
            else if (license is TomlTable t)
            {
                if (t.String("text") is { } text)
                {
                    licenses.Add(new PyLicense("project.license.text", text));
                }
                if (t.String("file") is { } file)
                {
                    licenses.Add(new PyLicense("project.license.file", file));
                }
            }
        }
        if (poetry.String("license") is { } poetryLicense)
        {
            licenses.Add(new PyLicense("tool.poetry.license", poetryLicense));
        }

        var uv = toml.Table("tool").Table("uv");
        return new PyProject
        {
            Name = project.String("name") ?? poetry.String("name"),
            RequiresPython = project.String("requires-python") ?? poetryPython,
            Dependencies = dependencies,
            Scripts = scripts,
            BuildBackend = toml.Table("build-system").String("build-backend"),
            Licenses = licenses,
            Classifiers = [.. project.Strings("classifiers")],
            HasProject = project is not null,
            UsesPoetry = poetry is not null,
            UsesUv = uv is not null,
            UvWorkspaceMembers = uv.Table("workspace") is { } workspace ? [.. workspace.Strings("members")] : null,
        };
    }
}
