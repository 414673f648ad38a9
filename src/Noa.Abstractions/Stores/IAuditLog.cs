namespace Noa.Abstractions;

/// <summary>The append-only audit trail: every API call, pipeline event, gate decision and model selection.</summary>
public interface IAuditLog
{
    /// <summary>Appends one record.</summary>
    Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>Reads records matching the query, oldest first.</summary>
    Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
