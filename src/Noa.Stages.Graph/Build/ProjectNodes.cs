using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Repository;

namespace Noa.Stages.Graph.Build;

// Projects (what a build tool builds: a csproj, a package.json, a go.mod, a Cargo.toml, a pyproject, a pom or Gradle
// build): a `project` node each, with its name, ecosystem, folder, scope and what its manifest says of the program
// (SDK, output type, framework); DEPENDS_ON between projects where a manifest references another (manifest
// provenance) or files of one import files of the other (tree-sitter, labelled with the importing files' count).
internal sealed partial class GraphBuilder
{
    private void AddProjects()
    {
        var byManifest = _repo.Projects.ToDictionary(p => p.Manifest, StringComparer.Ordinal);
        var projectOf = new Dictionary<string, Project?>(StringComparer.Ordinal);
        for (var f = 0; f < _files.Count; f++)
        {
            projectOf[_fileIds[f]] = _repo.ProjectOf(_files[f].Path);
        }
        var fileCounts = projectOf.Values.OfType<Project>().GroupBy(p => p.Manifest).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var p in _repo.Projects)
        {
            var properties = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["ecosystem"] = p.Ecosystem,
                ["root"] = p.Root.Length == 0 ? "." : p.Root,
                ["scope"] = p.IsTest ? Scopes.Test : _scoping.Of(p.Manifest),
            };
            foreach (var (key, value) in p.Facts)
            {
                properties[key] = value;
            }
            properties["files"] = fileCounts.GetValueOrDefault(p.Manifest).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Node(new KgNode { Id = ProjectId(p), Kind = "project", Name = p.Name, File = p.Manifest, Properties = properties });
            foreach (var reference in p.References.Where(byManifest.ContainsKey))
            {
                Edge(ProjectId(p), ProjectId(byManifest[reference]), "DEPENDS_ON", Manifest, 1.0);
            }
        }
        if (_repo.Projects.Count < 2)
        {
            return;
        }
        // Imports between files of different projects.
        var counts = new Dictionary<(string, string), HashSet<string>>();
        foreach (var e in _edges.Where(e => e.Kind == "IMPORTS"))
        {
            if (projectOf.GetValueOrDefault(e.Src) is { } from && projectOf.GetValueOrDefault(e.Dst) is { } to && from != to && !to.IsWorkspace)
            {
                var key = (ProjectId(from), ProjectId(to));
                if (!counts.TryGetValue(key, out var importers))
                {
                    counts[key] = importers = new HashSet<string>(StringComparer.Ordinal);
                }
                importers.Add(e.Src);
            }
        }
        foreach (var ((from, to), importers) in counts)
        {
            if (!_edges.Contains(new KgEdge(from, to, "DEPENDS_ON", Parsed, 0)))
            {
                Edge(from, to, "DEPENDS_ON", Parsed, Math.Min(1.0, 0.5 + 0.1 * importers.Count));
            }
        }
    }

    internal static string ProjectId(Project p) => "project:" + p.Manifest;
}
