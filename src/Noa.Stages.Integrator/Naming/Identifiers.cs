namespace Noa.Stages.Integrator.Naming;

/// <summary>
/// Legal, unique identifiers in one language's scope: never empty, never starting with a digit, never a keyword or a
/// name the generated code uses itself, and never the same identifier twice (a repeat gets <c>2</c>, <c>3</c>, …).
/// One instance per scope (a module's types, a class's methods, a function's parameters).
/// </summary>
internal sealed class Identifiers(IReadOnlySet<string> reserved, string fallback, string escapeSuffix = "_")
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _given = new(StringComparer.Ordinal);

    /// <summary>The identifier for <paramref name="key"/> (the same key always gets the same answer), from the cased <paramref name="candidate"/>.</summary>
    public string For(string key, string candidate)
    {
        if (_given.TryGetValue(key, out var known))
            return known;
        var name = candidate.Length == 0 ? fallback : candidate;
        if (char.IsAsciiDigit(name[0]))
            name = fallback + (fallback.EndsWith('_') ? "" : "_") + name;
        if (reserved.Contains(name))
            name += escapeSuffix;
        var unique = name;
        for (var i = 2; !_taken.Add(unique) || reserved.Contains(unique); i++)
            unique = $"{name}{i}";
        _given[key] = unique;
        return unique;
    }

    /// <summary>Marks a name as used (by the generated code itself) so no key gets it.</summary>
    public void Reserve(string name) => _taken.Add(name);
}
