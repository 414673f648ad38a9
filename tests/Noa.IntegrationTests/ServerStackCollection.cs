namespace Noa.IntegrationTests;

/// <summary>
/// The tests that start a whole split stack (a dozen <c>noa serve</c> processes) and wait on real leases and heartbeats.
/// They run alone, one after another: two stacks sharing 2 cores took twice as long and ran past their time limits.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerStackCollection
{
    public const string Name = "server stack";
}
