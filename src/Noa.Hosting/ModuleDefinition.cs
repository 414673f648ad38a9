using Microsoft.Extensions.Hosting;

namespace Noa.Hosting;

/// <summary>
/// A module of the modular monolith: a kebab-case name, the modules it needs, and how it registers
/// its services. A group (such as <c>all</c>) registers nothing itself and only pulls in its dependencies.
/// </summary>
public sealed record ModuleDefinition(
    string Name,
    string Description,
    IReadOnlyList<string> Dependencies,
    Action<IHostApplicationBuilder>? Register = null)
{
    /// <summary>True for groups, which only name other modules.</summary>
    public bool IsGroup => Register is null;
}
