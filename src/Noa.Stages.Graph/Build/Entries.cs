using Noa.Stages.Graph.Model;

namespace Noa.Stages.Graph.Build;

// Entry points and scripts from manifests: a `script` node per npm script, bin, main or console script, with a
// DEPENDS_ON edge (provenance `manifest`) to the file or function it runs, which is flagged `entry`.
internal sealed partial class GraphBuilder
{
    private const string Manifest = "manifest";
    private static readonly string[] ScriptExtensions = ["", ".js", ".mjs", ".cjs", ".ts", "/index.js", "/index.ts"];

    /// <summary>Adds the manifests' entry points; call before <see cref="Build"/>.</summary>
    public GraphBuilder WithEntries(IEnumerable<ManifestEntry> entries)
    {
        _entries.AddRange(entries);
        return this;
    }

    private readonly List<ManifestEntry> _entries = [];

    private void AddEntries()
    {
        var files = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var f = 0; f < _files.Count; f++)
        {
            files[_files[f].Path] = f;
        }
        foreach (var entry in _entries)
        {
            var id = $"script:{entry.Manifest}#{entry.Kind}:{entry.Name}";
            var target = entry.Kind switch
            {
                "bin" or "main" => ScriptExtensions.Select(ext => entry.Target + ext).Where(files.ContainsKey).Select(p => _fileIds[files[p]]).FirstOrDefault(),
                "console" => ConsoleTarget(entry.Target),
                _ => null,
            };
            Node(new KgNode
            {
                Id = id, Kind = "script", Name = entry.Name, File = entry.Manifest,
                Properties = new(StringComparer.Ordinal) { ["kind"] = entry.Kind, [entry.Kind == "script" ? "command" : "target"] = entry.Target },
            });
            AddDirectories(entry.Manifest, id);
            if (target is not null)
            {
                Edge(id, target, "DEPENDS_ON", Manifest, 1.0);
                var node = _nodes[target];
                if (node.Flags?.Contains("entry") != true)
                {
                    (node.Flags ??= []).Add("entry");
                }
            }
        }
    }

    // "package.module:function" → the function's node.
    private string? ConsoleTarget(string target)
    {
        var colon = target.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }
        var module = target[..colon].Trim();
        var function = target[(colon + 1)..].Trim().Split('.')[0];
        if (!_moduleIndex.TryGetValue("python:" + module, out var candidates))
        {
            return null;
        }
        return candidates.SelectMany(f => TopLevel(f, function)).Select(g => _defIds[g]).FirstOrDefault();
    }
}
