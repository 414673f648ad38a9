using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary>The stage names registered in this process, to check <c>only</c> early; empty when the gateway runs alone
/// (then the scheduler reports unknown stages by failing the run).</summary>
internal sealed class StageCatalogue(IEnumerable<IStage> stages)
{
    public IReadOnlyCollection<string> Names { get; } = stages.Select(s => s.Name).Order(StringComparer.Ordinal).ToArray();
}
