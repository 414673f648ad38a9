namespace Noa.Gateway;

/// <summary>The answer to a dead-letter replay.</summary>
/// <param name="Stream">The stream the messages went back to.</param>
/// <param name="Replayed">How many were moved.</param>
/// <param name="Remaining">Dead letters still waiting (more than the limit asked for).</param>
internal sealed record ReplayResult(string Stream, int Replayed, long Remaining);
