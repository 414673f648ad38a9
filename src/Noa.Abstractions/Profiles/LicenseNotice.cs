namespace Noa.Abstractions.Profiles;

/// <summary>Source files whose header defers to a licence file, resolved to that file's licence.</summary>
/// <param name="Style">The style the header names, e.g. <c>BSD</c>.</param>
/// <param name="LicenseFile">The licence file found for the header (nearest ancestor), or null.</param>
/// <param name="Spdx">That file's matched id.</param>
/// <param name="Files">How many source files carry the header.</param>
/// <param name="Example">One of them.</param>
public sealed record LicenseNotice(string Style, string? LicenseFile, string? Spdx, int Files, string Example);
