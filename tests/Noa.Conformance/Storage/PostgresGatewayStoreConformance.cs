
namespace Noa.Conformance;

/// <summary>The gateway store conformance suite against Postgres.</summary>
public sealed class PostgresGatewayStoreConformance(PostgresFixture fixture, ITestOutputHelper output)
    : GatewayStoreConformance<PostgresFixture>(fixture, output);
