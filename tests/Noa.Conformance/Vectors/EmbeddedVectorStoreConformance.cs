
namespace Noa.Conformance;

/// <summary>The vector store conformance suite against the embedded store.</summary>
public sealed class EmbeddedVectorStoreConformance(EmbeddedVectorFixture fixture, ITestOutputHelper output)
    : VectorStoreConformance<EmbeddedVectorFixture>(fixture, output);
