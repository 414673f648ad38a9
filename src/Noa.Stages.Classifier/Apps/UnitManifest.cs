namespace Noa.Stages.Classifier.Apps;

/// <summary>A manifest that makes its folder a project unit.</summary>
/// <param name="Path">The manifest.</param>
/// <param name="Root">The unit's folder: the manifest's, or the parent of a <c>requirements/</c> folder; empty for the repository root.</param>
/// <param name="Ecosystem">npm, pypi, go, cargo, maven, nuget, composer, rubygems, hex, swift, pub.</param>
internal sealed record UnitManifest(string Path, string Root, string Ecosystem);
