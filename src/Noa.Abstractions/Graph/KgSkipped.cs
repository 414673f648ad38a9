namespace Noa.Abstractions.Graph;

/// <summary>A file not in the graph, and why.</summary>
public sealed record KgSkipped(string Path, string Reason);
