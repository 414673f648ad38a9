using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>The body of a <see cref="TaskQueues.StageResult"/> message: how one execution of an attempt ended, and where.</summary>
internal sealed record ActivityResult(string RunId, string Stage, int Attempt, string Worker, StageOutcome Outcome);
