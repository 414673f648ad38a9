using System.Text;

namespace Noa.Safety.Sbom.Parsing;

/// <summary>What one parser reads from one file: components by purl, edges (null = the project), problems.</summary>
internal sealed class ParseContext(string path, byte[] content, FileSet files, CancellationToken cancellationToken = default)
{
    /// <summary>The build's cancellation, for parsers that can stop midway (YAML).</summary>
    public CancellationToken Cancellation { get; } = cancellationToken;

    public string Path { get; } = path;
    public byte[] Content { get; } = content;
    public FileSet Files { get; } = files;
    public Dictionary<string, ComponentDraft> Components { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, HashSet<string>> Edges { get; } = new(StringComparer.Ordinal);
    public List<SbomProblem> Problems { get; } = [];

    /// <summary>The key of the project node in <see cref="Edges"/>.</summary>
    public const string Root = "";

    public string Text => Decode(Content);

    public static string Decode(byte[] bytes) => new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');

    public ComponentDraft Add(ComponentDraft draft)
    {
        draft.SourcePath = Path;
        if (Components.TryGetValue(draft.Purl, out var existing))
        {
            existing.MergeFrom(draft);
            return existing;
        }
        Components[draft.Purl] = draft;
        return draft;
    }

    public void Edge(string? from, string to)
    {
        var key = from ?? Root;
        if (key == to)
        {
            return;
        }
        if (!Edges.TryGetValue(key, out var set))
        {
            Edges[key] = set = new HashSet<string>(StringComparer.Ordinal);
        }
        set.Add(to);
    }

    public void Problem(string message, bool unread = false) => Problems.Add(new SbomProblem(Path, message, unread));

    /// <summary>
    /// For lockfiles that do not say which packages are dev-only: whatever the runtime roots reach is
    /// runtime, then what the optional roots reach is optional, and what only the dev roots reach is dev.
    /// </summary>
    public void InferScopes(IEnumerable<string> runtime, IEnumerable<string> optional, IEnumerable<string> dev)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (roots, scope) in new[] { (runtime, ComponentScope.Runtime), (optional, ComponentScope.Optional), (dev, ComponentScope.Dev) })
        {
            var queue = new Queue<string>(roots.Where(seen.Add));
            while (queue.TryDequeue(out var node))
            {
                if (Components.TryGetValue(node, out var c))
                {
                    c.Scope = scope;
                }
                foreach (var next in Edges.GetValueOrDefault(node) ?? [])
                {
                    if (seen.Add(next))
                    {
                        queue.Enqueue(next);
                    }
                }
            }
        }
    }
}
