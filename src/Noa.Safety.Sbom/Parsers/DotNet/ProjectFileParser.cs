using System.Text.RegularExpressions;
using System.Xml.Linq;
using Noa.Safety.Sbom.Parsing;

namespace Noa.Safety.Sbom.Parsers.DotNet;

/// <summary>
/// PackageReference items of a .csproj/.fsproj/.vbproj (or a Directory.Build.props), with the version
/// from the item (Version, VersionOverride) or, under central package management, from the nearest
/// Directory.Packages.props; $(Properties) resolve from either file. A packages.lock.json beside the
/// project is more exact and wins. PrivateAssets="all" (analyzers, build tools) and test projects are dev.
/// </summary>
internal static partial class ProjectFileParser
{
    public static void Parse(ParseContext context)
    {
        if (context.Files.HasSibling(context.Path, "packages.lock.json"))
        {
            return;
        }
        var text = context.Text;
        var project = Xml.Parse(text).Root!;
        var properties = Properties(project);
        var central = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var globals = new List<XElement>();
        if (context.Files.Ancestor(context.Path, "Directory.Packages.props") is { } props)
        {
            var root = Xml.Parse(ParseContext.Decode(props.Content)).Root!;
            foreach (var (k, v) in Properties(root))
            {
                properties.TryAdd(k, v);
            }
            foreach (var item in Items(root, "PackageVersion"))
            {
                central[Attr(item, "Include") ?? ""] = Attr(item, "Version") ?? "";
            }
            globals.AddRange(Items(root, "GlobalPackageReference"));
        }
        var test = NuGetPackage.IsTestProject(text);
        foreach (var item in Items(project, "PackageReference").Concat(globals))
        {
            if (Attr(item, "Include") is not { Length: > 0 } id)
            {
                continue; // an Update or Remove of an item defined elsewhere
            }
            var raw = Attr(item, "VersionOverride") ?? Attr(item, "Version") ?? central.GetValueOrDefault(id);
            var version = raw is null ? null : Property().Replace(raw, m => properties.GetValueOrDefault(m.Groups[1].Value, m.Value));
            if (raw is null)
            {
                context.Problem($"PackageReference \"{id}\" has no version here nor in a Directory.Packages.props");
            }
            var exact = Exact(version);
            var dev = test || globals.Contains(item) || string.Equals(Attr(item, "PrivateAssets"), "all", StringComparison.OrdinalIgnoreCase);
            var draft = context.Add(NuGetPackage.Draft(id, exact, dev ? ComponentScope.Dev : ComponentScope.Runtime, version));
            draft.Direct = true;
            context.Edge(null, draft.Purl);
        }
    }

    /// <summary>NuGet reads "1.2.3" and "[1.2.3]" as that version (the first as a minimum it resolves to exactly, absent a lockfile).</summary>
    private static string? Exact(string? version) => version switch
    {
        null => null,
        _ when version.Contains("$(", StringComparison.Ordinal) || version.Contains('*', StringComparison.Ordinal) => null,
        ['[', .. var inner, ']'] when !inner.Contains(',', StringComparison.Ordinal) => inner.Trim(),
        _ when version.Length > 0 && char.IsAsciiDigit(version[0]) && !version.Contains(',', StringComparison.Ordinal) => version.Trim(),
        _ => null,
    };

    private static Dictionary<string, string> Properties(XElement root) => root.Elements()
        .Where(e => e.Name.LocalName == "PropertyGroup").SelectMany(g => g.Elements())
        .GroupBy(e => e.Name.LocalName).ToDictionary(g => g.Key, g => g.Last().Value.Trim(), StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<XElement> Items(XElement root, string name) => root.Elements()
        .Where(e => e.Name.LocalName == "ItemGroup").SelectMany(g => g.Elements()).Where(e => e.Name.LocalName == name);

    // Metadata may be an attribute or a child element.
    private static string? Attr(XElement e, string name) =>
        e.Attribute(name)?.Value ?? e.Elements().FirstOrDefault(c => c.Name.LocalName == name)?.Value;

    [GeneratedRegex(@"\$\(([^)]+)\)")]
    private static partial Regex Property();
}
