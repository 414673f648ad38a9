
namespace Noa.Conformance;

/// <summary>The vector store conformance suite against pgvector.</summary>
public sealed class PostgresVectorStoreConformance(PostgresVectorFixture fixture, ITestOutputHelper output)
    : VectorStoreConformance<PostgresVectorFixture>(fixture, output);
