namespace Noa.Stages.Classifier.Licenses;

/// <summary>One licence of the SPDX list.</summary>
internal sealed record SpdxLicense(string Id, string Name, bool OsiApproved);
