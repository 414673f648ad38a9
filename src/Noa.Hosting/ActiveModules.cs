namespace Noa.Hosting;

/// <summary>The modules started in this process, in dependency order.</summary>
/// <param name="Names">Module names.</param>
public sealed record ActiveModules(IReadOnlyList<string> Names)
{
    /// <summary>Whether a module is active.</summary>
    public bool Contains(string name) => Names.Contains(name, StringComparer.Ordinal);
}
