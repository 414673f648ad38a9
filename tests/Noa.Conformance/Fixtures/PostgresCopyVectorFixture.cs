namespace Noa.Conformance;

/// <summary>pgvector stores that load every batch by binary COPY and build HNSW after a first load, so the suite covers that path too.</summary>
public sealed class PostgresCopyVectorFixture() : PostgresVectorFixture(copyFrom: 1);
