using Noa.Licenses;

namespace Noa.Stages.Classifier.Manifests;

/// <summary>Turns licence declarations of manifests into <see cref="DeclaredLicense"/> entries, read by the one licence
/// library (<see cref="DeclaredLicenses"/>) that the SBOM and the Safety policy use too.</summary>
internal static class LicenseDeclarations
{
    /// <summary>An SPDX expression field (package.json, Cargo.toml, csproj, PEP 639 pyproject).</summary>
    public static DeclaredLicense Expression(string path, string field, string value) => From(path, field, value, DeclaredLicenses.Read(value));

    /// <summary>A licence given by name (POM, trove classifier): a known name maps to its id, else it is parsed as an expression.</summary>
    public static DeclaredLicense Named(string path, string field, string value) => From(path, field, value, DeclaredLicenses.Read(value));

    private static DeclaredLicense From(string path, string field, string value, SpdxParseResult r) =>
        new(path, field, value, r.Valid, r.Normalized, r.Licenses, r.Error, r.Deprecated ? true : null);
}
