namespace Noa.Licenses;

/// <summary>One licence of the SPDX licence list.</summary>
/// <param name="Id">Its SPDX id, in canonical case.</param>
/// <param name="Name">Its full name (<c>MIT License</c>).</param>
/// <param name="OsiApproved">Whether the OSI approved it.</param>
public sealed record SpdxLicense(string Id, string Name, bool OsiApproved);
