using Noa.Abstractions;
using Noa.Abstractions.Graph;
using Noa.Abstractions.Profiles;

namespace Noa.Stages.Env.Facts;

/// <summary>
/// The knowledge graph split by app: each fact belongs to the app whose root is the longest prefix of its file (or, for entry
/// points and tasks, the app the graph names). Nothing is re-derived here; this only groups what Graph Extract decided.
/// </summary>
internal static class GraphFacts
{
    private static readonly IReadOnlySet<string> FactNodes = new HashSet<string>(StringComparer.Ordinal) { "entrypoint", "task", "endpoint", "env", "config" };

    // READS_CONFIG to env and config keys; READS/WRITES and DEPENDS_ON to stores; IMPORTS and DEPENDS_ON to external packages.
    private static readonly IReadOnlySet<string> FactEdges = new HashSet<string>(StringComparer.Ordinal) { "READS_CONFIG", "READS", "WRITES", "DEPENDS_ON", "IMPORTS" };

    /// <summary>
    /// What <see cref="ByApp"/> uses of the run's graph, in two streaming reads: first the edges it groups (config reads, stores,
    /// external packages), then the nodes of facts and the nodes those edges name. Calls, definitions and references, most
    /// of a large source's graph, are never built. Null when the run has no graph.
    /// </summary>
    /// <exception cref="InvalidDataException">kg.json is not JSON, not the version this build reads, or breaks its contract.</exception>
    public static async Task<KnowledgeGraph?> ReadAsync(IRunArtifacts artifacts, CancellationToken cancellationToken)
    {
        var edges = await KnowledgeGraph.ReadAsync(artifacts, new KgFilter { NodeKinds = KgFilter.None, EdgeKinds = FactEdges, Flows = false, Skipped = false },
            cancellationToken).ConfigureAwait(false);
        if (edges is null)
            return null;
        var used = edges.Edges.Where(e => e.Kind == "READS_CONFIG" || e.Dst.StartsWith("store:", StringComparison.Ordinal) || e.Dst.StartsWith("external:", StringComparison.Ordinal)).ToList();
        var named = used.SelectMany(e => new[] { e.Src, e.Dst }).ToHashSet(StringComparer.Ordinal);
        var nodes = await KnowledgeGraph.ReadAsync(artifacts, new KgFilter { NodeKinds = FactNodes, NodeIds = named, EdgeKinds = KgFilter.None, Flows = false, Skipped = false },
            cancellationToken).ConfigureAwait(false) ?? throw new InvalidDataException($"{KnowledgeGraph.BundlePath} went away while it was read.");
        return new KnowledgeGraph { Stats = edges.Stats, Nodes = nodes.Nodes, Edges = used };
    }

    public static IReadOnlyDictionary<string, AppFacts> ByApp(KnowledgeGraph graph, IReadOnlyList<App> apps)
    {
        var result = apps.ToDictionary(a => a.Root, _ => new AppFacts(), StringComparer.Ordinal);
        var roots = apps.Select(a => a.Root).OrderByDescending(r => r == "." ? 0 : r.Length).ToList();
        var nodes = graph.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);

        AppFacts? Of(string? file) => file is null ? null : roots.FirstOrDefault(r => r == "." || file.StartsWith(r + "/", StringComparison.Ordinal)) is { } root ? result[root] : null;
        AppFacts? Named(KgNode n) => Prop(n, "app") is { } app && result.TryGetValue(app, out var facts) ? facts : Of(n.File);

        foreach (var node in graph.Nodes)
        {
            switch (node.Kind)
            {
                case "entrypoint" when Prop(node, "scope") is null or "product":
                    Named(node)?.Entries.Add(node);
                    break;
                case "task":
                    Named(node)?.Tasks.Add(node);
                    break;
                case "endpoint":
                    Of(node.File)?.Endpoints.Add(node);
                    break;
            }
        }
        foreach (var edge in graph.Edges)
        {
            if (!nodes.TryGetValue(edge.Src, out var src))
                continue;
            var where = src.File is null ? null : edge.Line is { } line ? $"{src.File}:{line}" : src.File;
            if (edge.Kind == "READS_CONFIG" && edge.Dst.StartsWith("env:", StringComparison.Ordinal) && nodes.TryGetValue(edge.Dst, out var env) && Of(src.File) is { } reader)
            {
                if (!reader.Env.TryGetValue(env.Name, out var entry))
                    reader.Env[env.Name] = entry = (env, new SortedSet<string>(StringComparer.Ordinal));
                if (where is not null)
                    entry.Reads.Add(where);
            }
            // .NET reads every configuration key from the environment too (Section:Key as Section__Key), so a key C# code reads
            // (Configuration["X"], GetValue<T>("A:B")) is one of the app's variables.
            else if (edge.Kind == "READS_CONFIG" && edge.Dst.StartsWith("config:", StringComparison.Ordinal) && src.File?.EndsWith(".cs", StringComparison.Ordinal) == true
                     && nodes.TryGetValue(edge.Dst, out var key) && Of(src.File) is { } dotnet)
            {
                var name = key.Name.Replace(":", "__", StringComparison.Ordinal);
                if (!dotnet.Env.TryGetValue(name, out var entry))
                    dotnet.Env[name] = entry = (key, new SortedSet<string>(StringComparer.Ordinal));
                if (where is not null)
                    entry.Reads.Add(where);
            }
            else if (edge.Dst.StartsWith("store:", StringComparison.Ordinal) && Of(src.File) is { } user)
            {
                var kind = edge.Dst["store:".Length..];
                if (!user.Stores.TryGetValue(kind, out var uses))
                    user.Stores[kind] = uses = new SortedSet<string>(StringComparer.Ordinal);
                if (where is not null)
                    uses.Add(where);
            }
            else if (edge.Dst.StartsWith("external:", StringComparison.Ordinal) && Of(src.File) is { } project)
            {
                project.Packages.Add(edge.Dst["external:".Length..]);
            }
        }
        // Declared settings (pydantic Settings, .env files) that no code read reaches are still part of the app's surface.
        foreach (var node in graph.Nodes.Where(n => n.Kind == "env" && Prop(n, "declared") is not null))
        {
            foreach (var declared in Prop(node, "declared")!.Split(", "))
            {
                if (Of(declared) is { } owner && !owner.Env.ContainsKey(node.Name))
                    owner.Env[node.Name] = (node, new SortedSet<string>(StringComparer.Ordinal) { declared });
            }
        }
        return result;
    }

    public static string? Prop(KgNode node, string key) => node.Properties is { } p && p.TryGetValue(key, out var v) ? v : null;
}
