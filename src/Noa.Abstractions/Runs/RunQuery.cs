namespace Noa.Abstractions;

/// <summary>A filter over runs, newest first.</summary>
/// <param name="State">Only runs in this state.</param>
/// <param name="Limit">At most this many.</param>
/// <param name="Tenant">Only runs of this tenant; null for every tenant.</param>
public sealed record RunQuery(RunState? State = null, int Limit = 50, string? Tenant = null);
