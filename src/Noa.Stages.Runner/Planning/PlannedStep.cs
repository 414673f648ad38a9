namespace Noa.Stages.Runner.Planning;

/// <summary>
/// One step of the plan: a phase in a folder, with its candidate commands in the plan's order. The first is run; when it cannot
/// run here (its tool is missing, exit 127), the next is tried, and so on.
/// </summary>
/// <param name="Id">Stable id within the plan (<c>s1</c>, <c>s2</c>, …).</param>
/// <param name="Phase">install, build, test or smoke.</param>
/// <param name="Cwd">The folder, relative to the root ("" for the root).</param>
/// <param name="Candidates">The commands, best first; may be empty when <paramref name="NotRun"/> says why.</param>
/// <param name="Skipped">Commands the repository documents that were left out before running, each with why.</param>
/// <param name="NotRun">Why the step is planned but not run (no network for an install); null when it runs.</param>
internal sealed record PlannedStep(string Id, string Phase, string Cwd, IReadOnlyList<Candidate> Candidates, IReadOnlyList<string> Skipped, string? NotRun = null);
