using Noa.Abstractions.Env;

namespace Noa.Stages.Env.Planning;

/// <summary>An app's plan and what rendering its Dockerfile needs besides it.</summary>
/// <param name="Plan">The plan (what <c>env/plan.json</c> holds).</param>
/// <param name="Recipe">The dependency layer and the build stage's artefact.</param>
/// <param name="InstallDirectory">Where the install runs, relative to the repository root (the lockfile's folder: a workspace root
/// for a workspace member).</param>
/// <param name="PortVariable">The port variable the code reads, set to the planned port in the image.</param>
/// <param name="RunSetup">A step the run stage needs before the start command can run (yarn or pnpm where the image has no
/// corepack: <see cref="NodeRules.Setup"/>), or null.</param>
internal sealed record PlannedApp(AppPlan Plan, Recipe Recipe, string InstallDirectory, string? PortVariable, string? RunSetup = null);
