
namespace Noa.Conformance;

/// <summary>The audit log conformance suite against SQLite.</summary>
public sealed class SqliteAuditLogConformance(SqliteFixture fixture, ITestOutputHelper output)
    : AuditLogConformance<SqliteFixture>(fixture, output);
