
namespace Noa.Conformance;

/// <summary>The gateway store conformance suite against SQLite.</summary>
public sealed class SqliteGatewayStoreConformance(SqliteFixture fixture, ITestOutputHelper output)
    : GatewayStoreConformance<SqliteFixture>(fixture, output);
