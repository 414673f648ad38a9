using Noa.Safety.Sbom.Parsing;

namespace Noa.Safety.Sbom.Parsers.Python;

/// <summary>
/// pip's requirements*.txt: one PEP 508 requirement per line, "\" continuations, --hash options
/// (kept as hashes only when the line pins one version and one hash), comments; includes (-r, -c),
/// other options and editable or URL installs are not packages of the index and are skipped.
/// </summary>
internal static class RequirementsParser
{
    public static void Parse(ParseContext context)
    {
        var scope = context.Path.Contains("dev", StringComparison.OrdinalIgnoreCase) || context.Path.Contains("test", StringComparison.OrdinalIgnoreCase)
            ? ComponentScope.Dev : ComponentScope.Runtime;
        foreach (var line in Lines(context.Text))
        {
            if (line.StartsWith('-') || line.Contains("://", StringComparison.Ordinal) || line.StartsWith('.') || line.StartsWith('/'))
            {
                continue;
            }
            var hashes = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Where(p => p.StartsWith("--hash=", StringComparison.Ordinal)).Select(p => Hashes.FromPrefixed(p[7..])).OfType<ComponentHash>().ToList();
            var requirement = line.Split(" --", 2)[0];
            if (PyPackage.AddRequirement(context, requirement, scope) is { } purl && hashes.Count == 1 && context.Components[purl].Version is not null)
            {
                context.Components[purl].Hashes.Add(hashes[0]);
            }
        }
    }

    private static IEnumerable<string> Lines(string text)
    {
        var pending = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var hash = line.IndexOf(" #", StringComparison.Ordinal);
            line = (line.StartsWith('#') ? "" : hash >= 0 ? line[..hash] : line).Trim();
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            line = (pending + line).Trim();
            pending = "";
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }
}
