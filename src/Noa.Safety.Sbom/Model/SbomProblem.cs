namespace Noa.Safety.Sbom;

/// <summary>A file that could not be read completely, and why; the rest of the SBOM is still built.</summary>
public sealed record SbomProblem(string Path, string Message);
