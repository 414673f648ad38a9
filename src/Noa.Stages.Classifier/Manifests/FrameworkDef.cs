namespace Noa.Stages.Classifier.Manifests;

/// <summary>A framework recognised by a dependency of an ecosystem.</summary>
/// <param name="Ecosystem">npm, pypi, go, cargo, maven, nuget, composer or rubygems.</param>
/// <param name="Dependency">Package name (Go: module path prefix; Maven: artifactId).</param>
/// <param name="Id">Stable id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Kind">http, frontend, fullstack, cli, worker, rpc, desktop or test.</param>
internal sealed record FrameworkDef(string Ecosystem, string Dependency, string Id, string Name, string Kind);
