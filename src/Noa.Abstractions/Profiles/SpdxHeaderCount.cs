namespace Noa.Abstractions.Profiles;

/// <summary>Source files with the same <c>SPDX-License-Identifier</c>.</summary>
/// <param name="Expression">Normalized expression when valid, else as written.</param>
/// <param name="Valid">Whether it parsed.</param>
/// <param name="Files">How many files.</param>
public sealed record SpdxHeaderCount(string Expression, bool Valid, int Files);
