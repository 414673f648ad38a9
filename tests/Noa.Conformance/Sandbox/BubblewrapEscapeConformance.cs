namespace Noa.Conformance;

/// <summary>The escape suite against bubblewrap + cgroups.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BubblewrapEscapeConformance(BubblewrapFixture fixture, ITestOutputHelper output)
    : SandboxEscapeConformance<BubblewrapFixture>(fixture, output);
