namespace Noa.Abstractions.Profiles;

/// <summary>Versions of the npm data packages embedded at build time.</summary>
/// <param name="LinguistLanguages">linguist-languages version.</param>
/// <param name="SpdxLicenseList">spdx-license-list version.</param>
public sealed record DataVersions(string LinguistLanguages, string SpdxLicenseList);
