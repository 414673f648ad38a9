namespace Noa.Abstractions;

/// <summary>A filter over runs, newest first.</summary>
/// <param name="State">Only runs in this state.</param>
/// <param name="Limit">At most this many.</param>
public sealed record RunQuery(RunState? State = null, int Limit = 50);
