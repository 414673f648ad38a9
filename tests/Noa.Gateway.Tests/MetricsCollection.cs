namespace Noa.Gateway.Tests;

/// <summary>Tests that read process-wide meters: never run in parallel with other test classes.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics";
}
