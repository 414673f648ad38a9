namespace Noa.Abstractions;

/// <summary>A filter over the audit trail, oldest first.</summary>
/// <param name="RunId">Only entries of this run.</param>
/// <param name="Action">Only entries with this action.</param>
/// <param name="Since">Only entries at or after this time.</param>
/// <param name="Limit">At most this many.</param>
public sealed record AuditQuery(string? RunId = null, string? Action = null, DateTimeOffset? Since = null, int Limit = 1000);
