
namespace Noa.Conformance;

/// <summary>The run store conformance suite against Postgres.</summary>
public sealed class PostgresRunStoreConformance(PostgresFixture fixture, ITestOutputHelper output)
    : RunStoreConformance<PostgresFixture>(fixture, output);
