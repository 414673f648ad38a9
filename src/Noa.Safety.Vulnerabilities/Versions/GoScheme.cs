using Semver;

namespace Noa.Safety.Vulnerabilities.Versions;

/// <summary>Go modules, ordered by <see cref="GoVersion"/>; a string that is not a version is an error here.</summary>
internal sealed class GoScheme : VersionScheme
{
    public static readonly GoScheme Instance = new();

    public override bool IsValid(string version) => GoVersion.TryParse(version, out _);

    public override int Compare(string? x, string? y) => SemVersion.ComparePrecedence(Parse(x), Parse(y));

    private static SemVersion Parse(string? text) =>
        GoVersion.TryParse(Require(text), out var v) ? v : throw new FormatException($"not a Go module version: '{text}'");
}
