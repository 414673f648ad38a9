namespace Noa.Abstractions.Profiles;

/// <summary>The licences of the source.</summary>
/// <param name="Primary">The root licence file's id, else the first valid declared expression; null when unknown.</param>
/// <param name="Files">Licence files matched against SPDX texts.</param>
/// <param name="Declared">Licences declared in manifests.</param>
/// <param name="Notices">"Governed by a X-style license that can be found in the F file" headers, resolved to F's licence.</param>
/// <param name="SpdxHeaders"><c>SPDX-License-Identifier</c> lines in sources, by expression.</param>
public sealed record LicenseReport(
    string? Primary,
    IReadOnlyList<LicenseFile> Files,
    IReadOnlyList<DeclaredLicense> Declared,
    IReadOnlyList<LicenseNotice> Notices,
    IReadOnlyList<SpdxHeaderCount> SpdxHeaders);
