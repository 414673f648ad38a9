namespace Noa.Stages.Classifier.Apps;

/// <summary>A workspace as its manifest declares it, before its members are matched to apps.</summary>
/// <param name="Tool">npm, yarn, pnpm, bun, nx, turborepo, lerna, cargo, go-work, maven, gradle, dotnet, uv.</param>
/// <param name="Root">Its folder; empty for the repository root.</param>
/// <param name="Manifest">The declaring file.</param>
/// <param name="Members">Member folder globs or paths, relative to <paramref name="Root"/>; null means every unit below the root.</param>
internal sealed record WorkspaceDecl(string Tool, string Root, string Manifest, IReadOnlyList<string>? Members);
