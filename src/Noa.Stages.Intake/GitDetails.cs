namespace Noa.Stages.Intake;

/// <summary>Git facts recorded in <c>provenance.json</c> (the resolved commit sits at the top level).</summary>
/// <param name="Depth">Clone depth asked for; null for the full history.</param>
/// <param name="CommitCount">Commits present in the clone (1 for a depth-1 clone).</param>
/// <param name="Submodules">Whether submodules were recursed.</param>
internal sealed record GitDetails(int? Depth, int CommitCount, bool Submodules);
