using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>Creates audit logs for <see cref="AuditLogConformance{TFixture}"/>.</summary>
public interface IAuditLogFixture : IConformanceFixture
{
    /// <summary>An empty audit log (a new database file or schema).</summary>
    Task<IAuditLog> CreateAuditLogAsync();
}
