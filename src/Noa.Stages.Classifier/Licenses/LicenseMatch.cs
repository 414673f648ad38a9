namespace Noa.Stages.Classifier.Licenses;

/// <summary>The best SPDX licence for a text and how close it came.</summary>
/// <param name="Id">Best id, or null when nothing reached the threshold.</param>
/// <param name="Closest">Best id regardless of the threshold.</param>
/// <param name="Confidence">Dice coefficient of the best match, 0..1.</param>
internal sealed record LicenseMatch(string? Id, string? Closest, double Confidence);
