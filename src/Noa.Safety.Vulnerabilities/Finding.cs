namespace Noa.Safety.Vulnerabilities;

/// <summary>A vulnerability that affects one installed package: the advisory id (GHSA, PYSEC, RUSTSEC,
/// GO-…), its aliases (CVE, GHSA), summary, severity, the smallest fixed version above the installed
/// one (null when none is published), references, and the source that reported it.</summary>
public sealed record Finding(
    PackageRef Package,
    string Id,
    IReadOnlyList<string> Aliases,
    string? Summary,
    Severity Severity,
    string? FixedVersion,
    IReadOnlyList<string> References,
    string Source);
