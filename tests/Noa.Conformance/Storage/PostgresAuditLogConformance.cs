
namespace Noa.Conformance;

/// <summary>The audit log conformance suite against Postgres.</summary>
public sealed class PostgresAuditLogConformance(PostgresFixture fixture, ITestOutputHelper output)
    : AuditLogConformance<PostgresFixture>(fixture, output);
