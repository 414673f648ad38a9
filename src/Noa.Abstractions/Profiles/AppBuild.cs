namespace Noa.Abstractions.Profiles;

/// <summary>How an app is built: its build system, the manifest that declares it, and the package manager and lockfile that pin its dependencies.</summary>
/// <param name="System">Build system id as in <see cref="Profile.BuildSystems"/>: npm, pnpm, yarn, bun, pip, poetry, uv, setuptools, go-modules,
/// cargo, maven, gradle, dotnet, composer, bundler, …</param>
/// <param name="Manifest">Path of the manifest (package.json, pyproject.toml, go.mod, Cargo.toml, pom.xml, build.gradle.kts, *.csproj, …).</param>
/// <param name="PackageManager">Package manager id when it differs from <paramref name="System"/> or is known from a lockfile; null when unknown.</param>
/// <param name="Lockfile">Path of the lockfile that pins the app's dependencies (its own or its workspace's), if any.</param>
public sealed record AppBuild(string System, string Manifest, string? PackageManager, string? Lockfile);
