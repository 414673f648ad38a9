namespace Noa.Conformance;

/// <summary>The catalogue conformance suite against SQLite.</summary>
public sealed class SqliteCatalogConformance(SqliteFixture fixture, ITestOutputHelper output)
    : CatalogConformance<SqliteFixture>(fixture, output);
