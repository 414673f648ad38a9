using NuGet.Versioning;

namespace Noa.Safety.Vulnerabilities.Versions;

/// <summary>NuGet, as NuGet.Versioning orders it: SemVer 2.0.0 plus legacy 4-part versions (1.0 = 1.0.0 = 1.0.0.0),
/// prerelease labels compared without regard to case, build metadata ignored.</summary>
internal sealed class NuGetScheme : VersionScheme
{
    public static readonly NuGetScheme Instance = new();

    public override bool IsValid(string version) => NuGetVersion.TryParse(version.Trim(), out _);

    public override int Compare(string? x, string? y) => VersionComparer.Default.Compare(Parse(x), Parse(y));

    internal static NuGetVersion Parse(string? text) =>
        NuGetVersion.TryParse(Require(text).Trim(), out var v) ? v : throw new FormatException($"not a NuGet version: '{text}'");
}
