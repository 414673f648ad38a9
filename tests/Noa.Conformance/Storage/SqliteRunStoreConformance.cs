
namespace Noa.Conformance;

/// <summary>The run store conformance suite against SQLite.</summary>
public sealed class SqliteRunStoreConformance(SqliteFixture fixture, ITestOutputHelper output)
    : RunStoreConformance<SqliteFixture>(fixture, output);
