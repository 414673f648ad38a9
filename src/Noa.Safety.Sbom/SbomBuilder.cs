using System.Text.Json;
using System.Xml;
using Noa.Manifests.Toml;
using Noa.Safety.Sbom.Parsers;
using Noa.Safety.Sbom.Parsing;
using Tomlyn;
using YamlDotNet.Core;

namespace Noa.Safety.Sbom;

/// <summary>Builds the SBOM of a source snapshot from every lockfile and manifest in it.</summary>
public static class SbomBuilder
{
    /// <summary>Reads every recognised file; a file that cannot be read becomes a problem, never an exception.</summary>
    /// <param name="files">The snapshot: relative paths and contents.</param>
    /// <param name="projectName">The name of the project the SBOM describes.</param>
    /// <param name="cancellationToken">Stops the build, also inside a parse (YAML lockfiles read through the guard).</param>
    public static Sbom Build(IReadOnlyList<(string Path, byte[] Content)> files, string projectName, CancellationToken cancellationToken = default)
    {
        var set = new FileSet(files);
        var projectRef = Purl.Create("generic", null, projectName, null);
        var components = new Dictionary<string, ComponentDraft>(StringComparer.Ordinal);
        var edges = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var problems = new List<SbomProblem>();
        var fixtures = new List<string>();
        foreach (var path in set.Paths)
        {
            if (ManifestFolders.IsInstalled(path) || ParserTable.Find(path, set) is not { } parse)
            {
                continue;
            }
            if (ManifestFolders.IsFixture(path))
            {
                // A fixture lockfile is a test input: its packages are not shipped, so they must not reach the
                // vulnerability matcher or the licence gate. Counted, so the report says what was left out.
                fixtures.Add(path);
                continue;
            }
            cancellationToken.ThrowIfCancellationRequested();
            var context = new ParseContext(path, set[path], set, cancellationToken);
            try
            {
                parse(context);
            }
            catch (Exception e) when (e is JsonException or XmlException or YamlException or TomlException or FormatException
                or InvalidOperationException or KeyNotFoundException or InvalidCastException or ArgumentException or IndexOutOfRangeException)
            {
                context.Problem($"cannot be read: {(e is TomlException ? TomlDocument.Describe(e) : e.Message)}", unread: true);
            }
            catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
            {
                // A parser bug must cost one file's components, not the Safety stage's run.
                context.Problem($"was not read because of a bug in its parser ({e.GetType().Name}: {e.Message})", unread: true);
            }
            Merge(context, components, edges, projectRef);
            problems.AddRange(context.Problems);
        }
        DeclaredAndPinned.Unify(components, edges);
        return new Sbom(
            projectName,
            projectRef,
            components.Values.Select(c => c.ToComponent()).OrderBy(c => c.Purl, StringComparer.Ordinal).ToList(),
            edges.Where(e => e.Value.Count > 0).OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => new Dependency(e.Key, e.Value.ToList())).ToList(),
            problems,
            fixtures);
    }

    private static void Merge(ParseContext context, Dictionary<string, ComponentDraft> components,
        Dictionary<string, SortedSet<string>> edges, string projectRef)
    {
        foreach (var (purl, draft) in context.Components)
        {
            if (components.TryGetValue(purl, out var existing))
            {
                existing.MergeFrom(draft);
            }
            else
            {
                components[purl] = draft;
            }
        }
        foreach (var (from, targets) in context.Edges)
        {
            var key = from == ParseContext.Root ? projectRef : from;
            if (key != projectRef && !context.Components.ContainsKey(key))
            {
                continue;
            }
            if (!edges.TryGetValue(key, out var set))
            {
                edges[key] = set = new SortedSet<string>(StringComparer.Ordinal);
            }
            set.UnionWith(targets.Where(context.Components.ContainsKey));
        }
    }
}
