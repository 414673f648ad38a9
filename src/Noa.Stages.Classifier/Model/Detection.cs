namespace Noa.Stages.Classifier;

/// <summary>A detected build system, package manager or framework.</summary>
/// <param name="Id">Stable kebab-case id, e.g. <c>npm</c>, <c>spring-boot</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="Kind">build-system or package-manager; for frameworks http, frontend, cli, worker, test, desktop, rpc.</param>
/// <param name="Ecosystem">npm, pypi, go, cargo, maven, nuget, composer, rubygems; null for language-neutral tools.</param>
/// <param name="Evidence">What decided, at most a few entries, sorted.</param>
public sealed record Detection(string Id, string Name, string Kind, string? Ecosystem, IReadOnlyList<Evidence> Evidence);
