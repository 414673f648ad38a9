namespace Noa.Safety.Vulnerabilities;

/// <summary>An installed package to check: OSV's ecosystem name (npm, PyPI, Go, crates.io, Maven,
/// NuGet, RubyGems, Packagist), the package name as the ecosystem writes it (Maven: group:artifact)
/// and the exact installed version.</summary>
public sealed record PackageRef(string Ecosystem, string Name, string Version);
