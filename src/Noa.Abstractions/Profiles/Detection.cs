namespace Noa.Abstractions.Profiles;

/// <summary>A detected build system, package manager or framework.</summary>
/// <param name="Id">Stable kebab-case id, e.g. <c>npm</c>, <c>spring-boot</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="Kind">build-system, package-manager or container; for frameworks http, frontend, fullstack, cli, worker,
/// rpc, desktop, mobile, test, orm, migrations, config, template, orchestration.</param>
/// <param name="Ecosystem">npm, pypi, go, cargo, maven, nuget, composer, rubygems; null for language-neutral tools.</param>
/// <param name="Scopes">The scopes (<see cref="FileScopes"/>) of the files that showed it, sorted.</param>
/// <param name="Evidence">What decided, at most a few entries, sorted.</param>
public sealed record Detection(string Id, string Name, string Kind, string? Ecosystem, IReadOnlyList<string> Scopes, IReadOnlyList<Evidence> Evidence);
