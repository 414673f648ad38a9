namespace Noa.Abstractions.Profiles;

/// <summary>A licence declared in a manifest, parsed as an SPDX expression.</summary>
/// <param name="Path">Manifest path.</param>
/// <param name="Field">Where in the manifest, e.g. <c>license</c>, <c>classifiers</c>, <c>PackageLicenseExpression</c>.</param>
/// <param name="Value">The declared text as written.</param>
/// <param name="Valid">Whether it is a valid SPDX expression of known ids.</param>
/// <param name="Normalized">Canonical expression when valid.</param>
/// <param name="Licenses">Ids it names.</param>
/// <param name="Error">Why it is invalid.</param>
/// <param name="Deprecated">True when it uses a deprecated id.</param>
public sealed record DeclaredLicense(string Path, string Field, string Value, bool Valid, string? Normalized,
    IReadOnlyList<string> Licenses, string? Error, bool? Deprecated);
