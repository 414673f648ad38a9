namespace Noa.Safety.Sbom;

/// <summary>A file that could not be read completely, and why; the rest of the SBOM is still built.</summary>
/// <param name="Path">The file.</param>
/// <param name="Message">What was wrong.</param>
/// <param name="Unread">True when nothing of the file could be read (its components are all missing), false when one
/// entry was.</param>
public sealed record SbomProblem(string Path, string Message, bool Unread = false);
