using Noa.Abstractions;

namespace Noa.Stages.Runner.Planning;

/// <summary>
/// Whether an install command can reach what it downloads from: under the <c>registries</c> policy, only an ecosystem whose
/// registry this host's configuration names (<see cref="PackageRegistries"/>) can; under <c>none</c>, nothing can; under another
/// named policy, the operator chose its destinations and every install runs.
/// </summary>
internal sealed class InstallAccess(string policy, IReadOnlyList<PackageRegistry> registries)
{
    public const string RegistriesPolicy = "registries";

    public static InstallAccess Closed { get; } = new("none", []);

    public string Policy => policy;

    public bool Network => policy != "none";

    /// <summary>The registries install steps may reach (those of the registries policy; empty under another).</summary>
    public IReadOnlyList<PackageRegistry> Registries => policy == RegistriesPolicy ? registries : [];

    /// <summary>The ecosystem an install command downloads from: npm, nuget, pip, go, cargo, maven, or null when it cannot be told.</summary>
    public static string? Ecosystem(string command)
    {
        var (tool, module) = CommandWords.Tool(command);
        return (tool, module) switch
        {
            ("npm" or "npx" or "pnpm" or "yarn" or "bun" or "corepack", _) => "npm",
            ("dotnet" or "nuget", _) => "nuget",
            ("pip" or "pip3" or "poetry" or "pipenv" or "pdm" or "uv" or "hatch" or "tox" or "nox", _) => "pip",
            ("python" or "python3", "pip" or "poetry" or "pipenv" or "uv") => "pip",
            ("go", _) => "go",
            ("cargo", _) => "cargo",
            ("mvn" or "gradle" or "./mvnw" or "./gradlew", _) => "maven",
            _ => null,
        };
    }

    private static readonly Dictionary<string, string> WhereConfigured = new(StringComparer.Ordinal)
    {
        ["npm"] = "an npmrc's registry", ["nuget"] = "NuGet.Config's packageSources", ["pip"] = "PIP_INDEX_URL or pip.conf's index-url",
        ["go"] = "GOPROXY", ["cargo"] = "a source or registry in Cargo's config.toml, or CARGO_REGISTRIES_*_INDEX",
        ["maven"] = "a mirror or repository in Maven's settings.xml",
    };

    /// <summary>Whether install steps can reach <paramref name="ecosystem"/>'s registry (under another named policy: assumed so).</summary>
    public bool Reaches(string ecosystem) => Network && (policy != RegistriesPolicy || registries.Any(r => r.Ecosystem == ecosystem));

    /// <summary>Null when the install command may run; else why not.</summary>
    public string? Refusal(string command)
    {
        if (!Network)
            return $"the install policy is {policy} (Noa:Runner:InstallPolicy): no network, so dependencies cannot be downloaded";
        if (policy != RegistriesPolicy || Ecosystem(command) is not { } ecosystem)
            return null;
        return registries.Any(r => r.Ecosystem == ecosystem) ? null
            : $"this host's configuration names no {ecosystem} registry ({WhereConfigured[ecosystem]}), and the install policy {policy} allows only configured registries";
    }
}
