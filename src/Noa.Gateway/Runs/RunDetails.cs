using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary>A run with its stage attempts (<c>GET /runs/{id}</c>).</summary>
/// <param name="Run">The run record.</param>
/// <param name="Attempts">Every stage attempt, by start time.</param>
internal sealed record RunDetails(RunRecord Run, IReadOnlyList<StageAttempt> Attempts);
