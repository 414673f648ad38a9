using System.Text.RegularExpressions;

namespace Noa.Hosting;

/// <summary>
/// The table of modules and the resolution of <c>--target</c> lists into the ordered closure of modules
/// to start (dependencies first), as Loki and Mimir do with <c>-target</c>.
/// </summary>
public sealed partial class ModuleCatalogue
{
    private readonly Dictionary<string, ModuleDefinition> _modules;

    /// <summary>Builds a catalogue; rejects bad names, duplicates, a table not sorted by name, unknown dependencies and cycles.</summary>
    public ModuleCatalogue(IEnumerable<ModuleDefinition> modules)
    {
        _modules = new Dictionary<string, ModuleDefinition>(StringComparer.Ordinal);
        string? previous = null;
        foreach (var module in modules)
        {
            if (!KebabCase().IsMatch(module.Name))
                throw new ArgumentException($"module name '{module.Name}' is not kebab-case");
            if (!_modules.TryAdd(module.Name, module))
                throw new ArgumentException($"module '{module.Name}' is defined twice");
            // The table is read by people: sorted, so a module is found where its name says.
            if (previous is not null && string.CompareOrdinal(previous, module.Name) > 0)
                throw new ArgumentException($"module '{module.Name}' comes after '{previous}': keep the table sorted by name");
            previous = module.Name;
        }
        foreach (var module in _modules.Values)
        {
            foreach (var dependency in module.Dependencies.Where(d => !_modules.ContainsKey(d)))
                throw new ArgumentException($"module '{module.Name}' depends on unknown module '{dependency}'");
        }
        Resolve(_modules.Keys);
    }

    /// <summary>Every module and group, sorted by name.</summary>
    public IReadOnlyList<ModuleDefinition> Modules => [.. _modules.Values.OrderBy(m => m.Name, StringComparer.Ordinal)];

    /// <summary>Parses a comma-separated target list (<c>gateway,intake</c>) and resolves it.</summary>
    public IReadOnlyList<ModuleDefinition> Resolve(string targets) =>
        Resolve(targets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>
    /// Returns the closure of the named modules in dependency order, groups left out. Unknown names
    /// are all reported at once, with the valid names; a cycle is reported as its path.
    /// </summary>
    public IReadOnlyList<ModuleDefinition> Resolve(IEnumerable<string> targets)
    {
        var names = targets.ToArray();
        if (names.Length == 0)
            throw new TargetResolutionException("no target given; valid targets: " + string.Join(", ", _modules.Keys.Order(StringComparer.Ordinal)));
        var unknown = names.Where(n => !_modules.ContainsKey(n)).ToArray();
        if (unknown.Length > 0)
        {
            throw new TargetResolutionException(
                $"unknown target{(unknown.Length > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}; valid targets: " +
                string.Join(", ", _modules.Keys.Order(StringComparer.Ordinal)));
        }

        var ordered = new List<ModuleDefinition>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var name in names)
            Visit(name, ordered, done, path);
        return ordered.Where(m => !m.IsGroup).ToArray();
    }

    private void Visit(string name, List<ModuleDefinition> ordered, HashSet<string> done, List<string> path)
    {
        if (done.Contains(name))
            return;
        var cycleStart = path.IndexOf(name);
        if (cycleStart >= 0)
            throw new TargetResolutionException("dependency cycle: " + string.Join(" -> ", path.Skip(cycleStart).Append(name)));
        path.Add(name);
        var module = _modules[name];
        foreach (var dependency in module.Dependencies.Order(StringComparer.Ordinal))
            Visit(dependency, ordered, done, path);
        path.RemoveAt(path.Count - 1);
        done.Add(name);
        ordered.Add(module);
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
