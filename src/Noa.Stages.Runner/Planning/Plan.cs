namespace Noa.Stages.Runner.Planning;

/// <summary>The Runner's plan: its steps in the order they run, and what the planner noticed on the way.</summary>
/// <param name="Steps">Install, build and test (or smoke) steps per folder, folders in order.</param>
/// <param name="Notes">What was not planned and why (folders beyond the limit, no task at all).</param>
internal sealed record Plan(IReadOnlyList<PlannedStep> Steps, IReadOnlyList<string> Notes);
