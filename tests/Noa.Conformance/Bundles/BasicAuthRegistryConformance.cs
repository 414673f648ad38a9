namespace Noa.Conformance;

/// <summary>The whole bundle registry suite (chunked uploads, referrers, tags, skopeo reading back) against a registry with basic auth.</summary>
public sealed class BasicAuthRegistryConformance(BasicAuthRegistryFixture fixture, ITestOutputHelper output)
    : BundleRegistryConformance<BasicAuthRegistryFixture>(fixture, output);
