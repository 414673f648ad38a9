namespace Noa.Conformance;

/// <summary>The sandbox conformance suite against bubblewrap + cgroups.</summary>
public sealed class BubblewrapSandboxConformance(BubblewrapFixture fixture, ITestOutputHelper output)
    : SandboxConformance<BubblewrapFixture>(fixture, output);
