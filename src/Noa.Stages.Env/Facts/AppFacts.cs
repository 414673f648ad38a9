using Noa.Abstractions.Graph;

namespace Noa.Stages.Env.Facts;

/// <summary>What the knowledge graph says about one app: its entry points, tasks, endpoints, env reads, stores and dependencies.</summary>
internal sealed class AppFacts
{
    public List<KgNode> Entries { get; } = [];

    public List<KgNode> Tasks { get; } = [];

    public List<KgNode> Endpoints { get; } = [];

    /// <summary>Env var name → its node and the places it is read (<c>file:line</c>).</summary>
    public SortedDictionary<string, (KgNode Node, SortedSet<string> Reads)> Env { get; } = new(StringComparer.Ordinal);

    /// <summary>Store kind → the places that use it.</summary>
    public SortedDictionary<string, SortedSet<string>> Stores { get; } = new(StringComparer.Ordinal);

    /// <summary>External packages the app's code imports (<c>pypi:psycopg</c>, <c>npm:pg</c>).</summary>
    public SortedSet<string> Packages { get; } = new(StringComparer.Ordinal);
}
