using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>How a dispatched attempt ended, and whether its ended record is already in the run store (a worker wrote it).</summary>
internal sealed record DispatchResult(StageOutcome Outcome, bool Recorded);
