using System.Text.RegularExpressions;
using Noa.Safety.Vulnerabilities.Versions;

namespace Noa.Safety.Vulnerabilities;

/// <summary>The ecosystems the matcher knows, by OSV's names, with their version ordering and the
/// way each compares package names.</summary>
public static partial class Ecosystems
{
    public const string Npm = "npm";
    public const string PyPI = "PyPI";
    public const string Go = "Go";
    public const string CratesIo = "crates.io";
    public const string Maven = "Maven";
    public const string NuGet = "NuGet";
    public const string RubyGems = "RubyGems";
    public const string Packagist = "Packagist";

    private static readonly Dictionary<string, VersionScheme> Schemes = new(StringComparer.OrdinalIgnoreCase)
    {
        [Npm] = SemVerScheme.Instance,
        [CratesIo] = SemVerScheme.Instance,
        [PyPI] = Pep440Scheme.Instance,
        [Go] = GoScheme.Instance,
        [Maven] = MavenScheme.Instance,
        [NuGet] = NuGetScheme.Instance,
        [RubyGems] = RubyGemsScheme.Instance,
        [Packagist] = PackagistScheme.Instance,
    };

    /// <summary>Every supported ecosystem, by OSV's spelling.</summary>
    public static IReadOnlyList<string> All { get; } = [Npm, PyPI, Go, CratesIo, Maven, NuGet, RubyGems, Packagist];

    [GeneratedRegex("[-_.]+")]
    private static partial Regex Pep503Separators();

    /// <summary>OSV's spelling of <paramref name="ecosystem"/>, or null when it is not supported.
    /// OSV suffixes such as "Maven:https://repo" or "Debian:12" name the base ecosystem.</summary>
    public static string? Canonical(string ecosystem)
    {
        var baseName = ecosystem.Split(':')[0].Trim();
        return All.FirstOrDefault(e => string.Equals(e, baseName, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The key names are indexed by: PyPI per PEP 503 (lower case, runs of -_. as one '-'),
    /// NuGet, Packagist and Maven case-insensitively, npm, Go, crates.io and RubyGems exactly.</summary>
    public static string NormaliseName(string ecosystem, string name) => Canonical(ecosystem) switch
    {
        PyPI => Pep503Separators().Replace(name.Trim(), "-").ToLowerInvariant(),
        NuGet or Packagist or Maven => name.Trim().ToLowerInvariant(),
        _ => name.Trim(),
    };

    internal static VersionScheme? Scheme(string ecosystem) =>
        Canonical(ecosystem) is { } e ? Schemes[e] : null;
}
