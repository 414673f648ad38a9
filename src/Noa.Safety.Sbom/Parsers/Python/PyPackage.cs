using System.Text.RegularExpressions;
using Noa.Safety.Sbom.Parsing;

namespace Noa.Safety.Sbom.Parsers.Python;

/// <summary>PyPI names (as the purl spec writes them, and PEP 503 keys to match them) and PEP 508 requirement strings.</summary>
internal static partial class PyPackage
{
    /// <summary>PEP 503's comparison key ("Zope_Interface" and "zope.interface" are one project).</summary>
    public static string Normalize(string name) => Separators().Replace(name.Trim(), "-").ToLowerInvariant();

    /// <summary>The purl spec's pypi name: lower-case, '_' as '-' (dots stay).</summary>
    public static string PurlName(string name) => name.Trim().Replace('_', '-').ToLowerInvariant();

    public static ComponentDraft Draft(string name, string? version, ComponentScope scope, string? requirement = null) => new()
    {
        Ecosystem = "pypi", Name = PurlName(name), Version = version, Requirement = version is null ? requirement ?? "" : null, Scope = scope,
    };

    /// <summary>"requests[security] (>=2.0) ; python_version > '3'" → name and specifier; the version when pinned with ==.</summary>
    public static (string Name, string Specifier, string? Pinned)? Requirement(string text)
    {
        var m = Pep508().Match(text.Trim());
        if (!m.Success)
        {
            return null;
        }
        var specifier = m.Groups["spec"].Value.Trim().Trim('(', ')').Trim();
        var pinned = PinnedVersion().Match(specifier);
        return (m.Groups["name"].Value, specifier, pinned.Success ? pinned.Groups[1].Value : null);
    }

    /// <summary>Adds a manifest requirement: pinned when exactly ==, else a versionless component that records the range.</summary>
    public static string? AddRequirement(ParseContext context, string text, ComponentScope scope)
    {
        if (Requirement(text) is not { } r)
        {
            context.Problem($"\"{text.Trim()}\" is not a PEP 508 requirement");
            return null;
        }
        var draft = context.Add(Draft(r.Name, r.Pinned, scope, r.Specifier));
        draft.Direct = true;
        context.Edge(null, draft.Purl);
        return draft.Purl;
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(?<spec>\(?\s*((~=|===|==|!=|<=|>=|<|>)\s*[A-Za-z0-9.*+!_-]+\s*,?\s*)*\)?)\s*(@\s*\S+)?\s*(;.*)?$")]
    private static partial Regex Pep508();

    [GeneratedRegex(@"^===?\s*([A-Za-z0-9._+!-]+)$")]
    private static partial Regex PinnedVersion();

    [GeneratedRegex(@"[-_.]+")]
    private static partial Regex Separators();
}
