namespace Noa.Stages.Classifier.Manifests;

/// <summary>A framework recognised by a dependency of an ecosystem.</summary>
/// <param name="Ecosystem">npm, pypi, go, cargo, maven, nuget, composer or rubygems.</param>
/// <param name="Dependency">Package name (Go: module path prefix; Maven: <c>group:artifact</c> or a bare artifactId); a trailing <c>*</c> matches by prefix.</param>
/// <param name="Id">Stable id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Kind">http, frontend, fullstack, cli, worker, rpc, desktop, mobile, test, orm, migrations, config, template or orchestration.</param>
internal sealed record FrameworkDef(string Ecosystem, string Dependency, string Id, string Name, string Kind);
