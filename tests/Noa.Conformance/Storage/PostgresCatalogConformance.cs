namespace Noa.Conformance;

/// <summary>The catalogue conformance suite against Postgres.</summary>
public sealed class PostgresCatalogConformance(PostgresFixture fixture, ITestOutputHelper output)
    : CatalogConformance<PostgresFixture>(fixture, output);
