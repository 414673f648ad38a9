using Noa.Safety.Sbom.Parsing;
using Tomlyn.Model;

namespace Noa.Safety.Sbom.Parsers.Python;

/// <summary>
/// pyproject.toml: PEP 621 [project] dependencies and optional-dependencies, PEP 735 [dependency-groups],
/// Poetry's [tool.poetry.*dependencies]. Versions are ranges, so components are unpinned unless exact;
/// when a lockfile sits beside it, the lockfile gives the versions and this file only says what is direct.
/// </summary>
internal static class PyprojectParser
{
    private static readonly string[] Locks = ["poetry.lock", "uv.lock", "Pipfile.lock", "pdm.lock"];

    public static void Parse(ParseContext context)
    {
        if (Locks.Any(l => context.Files.HasSibling(context.Path, l)))
        {
            return;
        }
        foreach (var (requirement, scope) in Requirements(Toml.Parse(context.Text)))
        {
            PyPackage.AddRequirement(context, requirement, scope);
        }
    }

    /// <summary>The direct dependency names of the pyproject.toml beside a lockfile, with their scopes.</summary>
    public static List<(string Name, ComponentScope Scope)> DirectNames(ParseContext context)
    {
        if (context.Files.Sibling(context.Path, "pyproject.toml") is not { } bytes)
        {
            return [];
        }
        return Requirements(Toml.Parse(ParseContext.Decode(bytes)))
            .Select(r => (PyPackage.Requirement(r.Requirement)?.Name, r.Scope)).Where(r => r.Name is not null)
            .Select(r => (r.Name!, r.Scope)).ToList();
    }

    private static IEnumerable<(string Requirement, ComponentScope Scope)> Requirements(TomlTable toml)
    {
        var project = toml.Table("project");
        foreach (var r in project.Strings("dependencies"))
        {
            yield return (r, ComponentScope.Runtime);
        }
        foreach (var extra in project.Table("optional-dependencies")?.Keys ?? [])
        {
            foreach (var r in project.Table("optional-dependencies").Strings(extra))
            {
                yield return (r, ComponentScope.Optional);
            }
        }
        foreach (var group in toml.Table("dependency-groups")?.Keys ?? [])
        {
            foreach (var r in toml.Table("dependency-groups").Strings(group))
            {
                yield return (r, ComponentScope.Dev);
            }
        }
        var poetry = toml.Table("tool").Table("poetry");
        var tables = new List<(TomlTable? Table, ComponentScope Scope)> { (poetry.Table("dependencies"), ComponentScope.Runtime), (poetry.Table("dev-dependencies"), ComponentScope.Dev) };
        tables.AddRange((poetry.Table("group")?.Keys ?? []).Select(g => (poetry.Table("group").Table(g).Table("dependencies"), ComponentScope.Dev)));
        foreach (var (table, scope) in tables)
        {
            foreach (var (name, value) in table ?? [])
            {
                if (name == "python")
                {
                    continue;
                }
                var spec = value as string ?? (value as TomlTable).String("version");
                var optional = (value as TomlTable).Bool("optional");
                if (spec is not null || value is TomlTable)
                {
                    yield return (name + PoetrySpecifier(spec), optional ? ComponentScope.Optional : scope);
                }
            }
        }
    }

    /// <summary>Poetry writes "1.2.3" for exactly that version, "^1.2" and "~1.2" for ranges (kept as their lower bound), "*" for any.</summary>
    private static string PoetrySpecifier(string? spec) => spec switch
    {
        null or "*" => "",
        _ when char.IsAsciiDigit(spec[0]) && !spec.Contains(',', StringComparison.Ordinal) && !spec.Contains('*', StringComparison.Ordinal) => "==" + spec,
        _ when spec[0] is '^' or '~' && spec.Length > 1 && spec[1] != '=' => ">=" + spec[1..], // the lower bound, in PEP 440 words
        _ => " " + spec,
    };
}
