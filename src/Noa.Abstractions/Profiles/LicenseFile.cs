namespace Noa.Abstractions.Profiles;

/// <summary>A licence file and the SPDX licence it matches.</summary>
/// <param name="Path">File path.</param>
/// <param name="Spdx">Matched id when the confidence reached the threshold (0.9), else null.</param>
/// <param name="Closest">Closest id regardless of the threshold.</param>
/// <param name="Confidence">Sørensen–Dice coefficient of the word sets, 0..1.</param>
public sealed record LicenseFile(string Path, string? Spdx, string? Closest, double Confidence);
