using Noa.Manifests.Python;
using Noa.Safety.Sbom.Parsing;

namespace Noa.Safety.Sbom.Parsers.Python;

/// <summary>
/// pyproject.toml, read by the one <see cref="PyProject"/> reader the Classifier and the Graph share: PEP 621 [project]
/// dependencies and optional-dependencies, PEP 735 [dependency-groups], Poetry's [tool.poetry.*dependencies] (also a
/// dependency with several constraints, one per Python version). Versions are ranges, so components are unpinned unless
/// exact; when a lockfile sits beside it, the lockfile gives the versions and this file only says what is direct.
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
        foreach (var (requirement, scope) in Requirements(PyProject.Parse(context.Text)))
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
        return Requirements(PyProject.Parse(ParseContext.Decode(bytes)))
            .Select(r => (PyPackage.Requirement(r.Requirement)?.Name, r.Scope)).Where(r => r.Name is not null)
            .Select(r => (r.Name!, r.Scope)).ToList();
    }

    private static IEnumerable<(string Requirement, ComponentScope Scope)> Requirements(PyProject project) =>
        project.Dependencies.Select(d => (d.Requirement ?? d.Name + PoetrySpecifier(d.PoetrySpec), d.Kind switch
        {
            PyDependencyKind.Optional => ComponentScope.Optional,
            PyDependencyKind.Dev => ComponentScope.Dev,
            _ => ComponentScope.Runtime,
        }));

    /// <summary>Poetry writes "1.2.3" for exactly that version, "^1.2" and "~1.2" for ranges (kept as their lower bound), "*" for any.</summary>
    private static string PoetrySpecifier(string? spec) => spec switch
    {
        null or "" or "*" => "",
        _ when char.IsAsciiDigit(spec[0]) && !spec.Contains(',', StringComparison.Ordinal) && !spec.Contains('*', StringComparison.Ordinal) => "==" + spec,
        _ when spec[0] is '^' or '~' && spec.Length > 1 && spec[1] != '=' => ">=" + spec[1..], // the lower bound, in PEP 440 words
        _ => " " + spec,
    };
}
