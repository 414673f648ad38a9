using Noa.Abstractions.Graph;
using Noa.Abstractions.Profiles;

namespace Noa.Stages.Env.Facts;

/// <summary>
/// The knowledge graph split by app: each fact belongs to the app whose root is the longest prefix of its file (or, for entry
/// points and tasks, the app the graph names). Nothing is re-derived here; this only groups what Graph Extract decided.
/// </summary>
internal static class GraphFacts
{
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
