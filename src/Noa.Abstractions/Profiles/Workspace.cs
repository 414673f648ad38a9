namespace Noa.Abstractions.Profiles;

/// <summary>A workspace: a root that builds several apps together.</summary>
/// <param name="Tool">npm, yarn, pnpm, bun, nx, turborepo, lerna, cargo, go-work, maven, gradle, dotnet (a solution), uv.</param>
/// <param name="Root">Folder of the workspace, <c>.</c> for the repository root.</param>
/// <param name="Manifest">The file that declares it (package.json, pnpm-workspace.yaml, nx.json, turbo.json, Cargo.toml, go.work, pom.xml,
/// settings.gradle(.kts), *.sln, *.slnx, pyproject.toml).</param>
/// <param name="Members">Roots of the apps it holds (<see cref="App.Root"/>), sorted.</param>
public sealed record Workspace(string Tool, string Root, string Manifest, IReadOnlyList<string> Members);
