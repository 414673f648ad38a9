namespace Noa.Conformance;

/// <summary>The image builder conformance suite against buildah (and skopeo, and the local registry).</summary>
public sealed class BuildahImageBuilderConformance(BuildahFixture fixture, ITestOutputHelper output)
    : ImageBuilderConformance<BuildahFixture>(fixture, output)
{
    /// <inheritdoc />
    protected override string LocalName() => Fixture.LocalName();
}
