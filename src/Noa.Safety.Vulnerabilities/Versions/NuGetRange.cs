using NuGet.Versioning;

namespace Noa.Safety.Vulnerabilities.Versions;

/// <summary>NuGet's version range notation ("Version ranges" in the NuGet docs: "1.0" means ≥ 1.0, "[1.0]" exactly 1.0,
/// "[a, b)" / "(a, b]" with either end open when empty), parsed once by NuGet.Versioning.</summary>
internal sealed class NuGetRange
{
    private readonly VersionRange _range;

    private NuGetRange(VersionRange range) => _range = range;

    public static NuGetRange Parse(string text) =>
        VersionRange.TryParse(text.Trim(), out var range) && !range.IsFloating
            ? new NuGetRange(range)
            : throw new FormatException($"not a NuGet version range: '{text}'");

    public bool Contains(string version) => _range.Satisfies(NuGetScheme.Parse(version), VersionComparer.Default);

    /// <summary>The exclusive upper bound: the first version outside the range, i.e. the fix.</summary>
    public string? FixedVersion => _range is { HasUpperBound: true, IsMaxInclusive: false } ? _range.MaxVersion!.OriginalVersion ?? _range.MaxVersion.ToNormalizedString() : null;
}
