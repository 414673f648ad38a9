using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>
/// A named DAG of stages, validated once when built: duplicate names, unknown dependencies and cycles
/// are all reported together in one <see cref="ArgumentException"/>. Its stages are <see cref="IStage"/>s when the engine executes
/// them in its own process, or only their definitions (<see cref="StageCatalogue"/>) when workers execute them (bus dispatch).
/// </summary>
public sealed class WorkflowDefinition
{
    private readonly Dictionary<string, IStageDefinition> _byName;

    /// <summary>Builds and validates the DAG.</summary>
    /// <param name="name">The workflow name recorded on runs, e.g. <c>digest</c>.</param>
    /// <param name="stages">The stages, in any order; ties in the topological order keep this order.</param>
    public WorkflowDefinition(string name, IEnumerable<IStageDefinition> stages)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(stages);
        Name = name;
        var declared = stages.ToArray();
        var errors = new List<string>();

        _byName = new Dictionary<string, IStageDefinition>(StringComparer.Ordinal);
        foreach (var stage in declared)
        {
            if (!_byName.TryAdd(stage.Name, stage))
                errors.Add($"stage '{stage.Name}' is declared more than once");
        }
        foreach (var stage in _byName.Values)
        {
            foreach (var dependency in stage.Dependencies.Where(d => !_byName.ContainsKey(d.Stage)))
                errors.Add($"stage '{stage.Name}' depends on unknown stage '{dependency.Stage}'");
        }
        if (errors.Count == 0)
            Stages = TopologicalOrder(_byName.Values.ToArray(), errors);
        if (errors.Count > 0)
            throw new ArgumentException($"Workflow '{name}' is invalid: {string.Join("; ", errors)}.", nameof(stages));
        StageNames = Stages.Select(s => s.Name).ToArray();
    }

    /// <summary>The workflow name.</summary>
    public string Name { get; }

    /// <summary>Every stage, dependencies before dependents.</summary>
    public IReadOnlyList<IStageDefinition> Stages { get; } = [];

    /// <summary>The stage names in <see cref="Stages"/> order.</summary>
    public IReadOnlyList<string> StageNames { get; }

    /// <summary>The stage with this name, or null.</summary>
    public IStageDefinition? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// The stages needed to run <paramref name="only"/>: the named ones plus everything they depend on,
    /// transitively, in topological order. Unknown names are rejected with the list of valid ones.
    /// </summary>
    public IReadOnlyList<IStageDefinition> Closure(IEnumerable<string> only)
    {
        ArgumentNullException.ThrowIfNull(only);
        var names = only.ToArray();
        var unknown = names.Where(n => !_byName.ContainsKey(n)).Distinct(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException(
                $"Unknown stage{(unknown.Length > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}; valid stages: {string.Join(", ", StageNames)}.",
                nameof(only));

        var needed = new HashSet<string>(StringComparer.Ordinal);
        var todo = new Stack<string>(names);
        while (todo.TryPop(out var name))
        {
            if (!needed.Add(name))
                continue;
            foreach (var dependency in _byName[name].Dependencies)
                todo.Push(dependency.Stage);
        }
        return Stages.Where(s => needed.Contains(s.Name)).ToArray();
    }

    // Kahn's algorithm, picking the earliest declared ready stage each time so the order is stable.
    private static IStageDefinition[] TopologicalOrder(IStageDefinition[] stages, List<string> errors)
    {
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<IStageDefinition>(stages.Length);
        var progress = true;
        while (progress && order.Count < stages.Length)
        {
            progress = false;
            foreach (var stage in stages)
            {
                if (placed.Contains(stage.Name) || !stage.Dependencies.All(d => placed.Contains(d.Stage)))
                    continue;
                placed.Add(stage.Name);
                order.Add(stage);
                progress = true;
                break;
            }
        }
        if (order.Count < stages.Length)
            errors.Add("dependency cycle " + DescribeCycle(stages.Where(s => !placed.Contains(s.Name)).ToArray()));
        return order.ToArray();
    }

    // Every stage left over by Kahn's algorithm has an unplaced dependency, so walking them must revisit one.
    private static string DescribeCycle(IStageDefinition[] left)
    {
        var byName = left.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var path = new List<string>();
        var current = left[0];
        while (!path.Contains(current.Name))
        {
            path.Add(current.Name);
            current = byName[current.Dependencies.First(d => byName.ContainsKey(d.Stage)).Stage];
        }
        var cycle = path.Skip(path.IndexOf(current.Name)).Append(current.Name);
        return string.Join(" → ", cycle);
    }
}
