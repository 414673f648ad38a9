namespace Noa.Conformance;

/// <summary>The whole bundle registry suite against a registry with the distribution token flow and a token service.</summary>
public sealed class TokenAuthRegistryConformance(TokenAuthRegistryFixture fixture, ITestOutputHelper output)
    : BundleRegistryConformance<TokenAuthRegistryFixture>(fixture, output);
