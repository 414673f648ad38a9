namespace Noa.Stages.Safety;

/// <summary>Options of the Safety stage, bound from <c>Noa:Safety</c>.</summary>
public sealed class SafetyOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Noa:Safety";

    /// <summary>A policy file (YAML or JSON) used instead of the embedded <c>policies/default.yaml</c> when a request
    /// names no policy. A stored policy named <c>default</c> takes precedence over both.</summary>
    public string? PolicyFile { get; set; }

    /// <summary>An OSV advisory store (SQLite, made by <c>Noa.Safety.Vulnerabilities.AdvisoryStore</c> from OSV JSON or
    /// zip exports) to match packages against offline; unused when null or missing.</summary>
    public string? AdvisoryDatabase { get; set; }

    /// <summary>Online advisory sources to ask: <c>osv</c> (api.osv.dev), <c>npm</c> (the registry's bulk advisory
    /// endpoint), <c>nuget</c> (the VulnerabilityInfo resource). None by default: a digest sends nothing out unless
    /// told to.</summary>
    public List<string> OnlineAdvisories { get; set; } = [];

    /// <summary>The NuGet service index for the <c>nuget</c> source.</summary>
    public Uri NuGetServiceIndex { get; set; } = new("https://api.nuget.org/v3/index.json");

    /// <summary>Where online sources cache what they fetched (NuGet's vulnerability pages); the CLI and server set it
    /// to <c>$NOA_HOME/cache/advisories</c>.</summary>
    public string? CacheDirectory { get; set; }
}
