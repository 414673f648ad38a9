
namespace Noa.Conformance;

/// <summary>The vector store conformance suite against pgvector loading every batch by COPY.</summary>
public sealed class PostgresCopyVectorStoreConformance(PostgresCopyVectorFixture fixture, ITestOutputHelper output)
    : VectorStoreConformance<PostgresCopyVectorFixture>(fixture, output);
