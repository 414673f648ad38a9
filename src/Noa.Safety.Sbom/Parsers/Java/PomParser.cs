using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Noa.Safety.Sbom.Parsing;

namespace Noa.Safety.Sbom.Parsers.Java;

/// <summary>
/// Maven pom.xml: the project's own dependencies with literal versions or ${properties} from the same
/// pom (its properties, project.version, parent version), versions from its dependencyManagement;
/// a version ranged, inherited from a parent elsewhere or unresolvable stays unpinned.
/// </summary>
internal static partial class PomParser
{
    public static void Parse(ParseContext context)
    {
        var doc = Xml.Parse(context.Text);
        var project = doc.Root ?? throw new XmlException("no root element");
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in Child(project, "properties")?.Elements() ?? [])
        {
            properties[p.Name.LocalName] = p.Value.Trim();
        }
        var parent = Child(project, "parent");
        foreach (var (key, value) in new[] { ("version", Text(project, "version") ?? Text(parent, "version")), ("groupId", Text(project, "groupId") ?? Text(parent, "groupId")), ("artifactId", Text(project, "artifactId")) })
        {
            if (value is not null)
            {
                properties[$"project.{key}"] = properties[$"pom.{key}"] = value;
            }
        }
        if (Text(parent, "version") is { } pv)
        {
            properties["project.parent.version"] = pv;
        }
        var managed = Dependencies(Child(Child(project, "dependencyManagement"), "dependencies"))
            .Where(d => Text(d, "version") is not null)
            .GroupBy(d => $"{Resolve(Text(d, "groupId"), properties)}:{Resolve(Text(d, "artifactId"), properties)}")
            .ToDictionary(g => g.Key, g => Text(g.First(), "version")!, StringComparer.Ordinal);
        foreach (var dependency in Dependencies(Child(project, "dependencies")))
        {
            var group = Resolve(Text(dependency, "groupId"), properties);
            var artifact = Resolve(Text(dependency, "artifactId"), properties);
            if (group is null || artifact is null || group.Contains("${", StringComparison.Ordinal) || artifact.Contains("${", StringComparison.Ordinal))
            {
                context.Problem($"a dependency has no resolvable groupId and artifactId ({group}:{artifact})");
                continue;
            }
            var raw = Text(dependency, "version") ?? managed.GetValueOrDefault($"{group}:{artifact}");
            var version = Resolve(raw, properties);
            if (version is not null && version.Contains("${", StringComparison.Ordinal))
            {
                context.Problem($"{group}:{artifact}: version \"{raw}\" names a property this pom does not define");
            }
            var pinned = version is not null && !version.Contains("${", StringComparison.Ordinal) && !Ranged().IsMatch(version) ? version : null;
            var scope = Text(dependency, "scope") == "test" ? ComponentScope.Dev
                : Text(dependency, "optional") == "true" ? ComponentScope.Optional : ComponentScope.Runtime;
            var draft = context.Add(new ComponentDraft
            {
                Ecosystem = "maven", Namespace = group, Name = artifact, Version = pinned,
                Requirement = pinned is null ? raw ?? "" : null, Scope = scope, Direct = true,
                Qualifiers = Text(dependency, "classifier") is { } c ? [new("classifier", c)] : null,
            });
            context.Edge(null, draft.Purl);
        }
    }

    private static string? Resolve(string? value, Dictionary<string, string> properties)
    {
        for (var i = 0; i < 10 && value is not null && value.Contains("${", StringComparison.Ordinal); i++)
        {
            var next = Property().Replace(value, m => properties.GetValueOrDefault(m.Groups[1].Value, m.Value));
            if (next == value)
            {
                break;
            }
            value = next;
        }
        return value;
    }

    private static IEnumerable<XElement> Dependencies(XElement? list) => list?.Elements().Where(e => e.Name.LocalName == "dependency") ?? [];

    private static XElement? Child(XElement? e, string name) => e?.Elements().FirstOrDefault(c => c.Name.LocalName == name);

    private static string? Text(XElement? e, string name) => Child(e, name)?.Value.Trim() is { Length: > 0 } s ? s : null;

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex Property();

    [GeneratedRegex(@"^[\[\(].*[\]\)]$|,")]
    private static partial Regex Ranged();
}
