using Noa.Safety.Sbom.Parsing;

namespace Noa.Safety.Sbom.Parsers.Java;

/// <summary>
/// gradle.lockfile: "group:artifact:version=configuration,…" per resolved module. A module only in
/// test or annotation-processor configurations (or in the buildscript's lockfile) is dev. The lockfile
/// does not say which modules the build names itself, nor their edges.
/// </summary>
internal static class GradleLockParser
{
    public static void Parse(ParseContext context)
    {
        var buildscript = Path.GetFileName(context.Path).StartsWith("buildscript", StringComparison.Ordinal);
        var n = 0;
        foreach (var raw in context.Text.Split('\n'))
        {
            n++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("empty=", StringComparison.Ordinal))
            {
                continue;
            }
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            var coordinates = (eq < 0 ? line : line[..eq]).Split(':');
            if (coordinates.Length != 3 || coordinates.Any(c => c.Length == 0))
            {
                context.Problem($"line {n}: expected group:artifact:version=configurations, got \"{line}\"");
                continue;
            }
            var configurations = eq < 0 ? [] : line[(eq + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries);
            var dev = buildscript || (configurations.Length > 0 && configurations.All(c =>
                c.StartsWith("test", StringComparison.OrdinalIgnoreCase) || c.Contains("AnnotationProcessor", StringComparison.OrdinalIgnoreCase)
                || c.StartsWith("annotationProcessor", StringComparison.Ordinal)));
            context.Add(new ComponentDraft
            {
                Ecosystem = "maven", Namespace = coordinates[0], Name = coordinates[1], Version = coordinates[2],
                Scope = dev ? ComponentScope.Dev : ComponentScope.Runtime,
            });
        }
    }
}
