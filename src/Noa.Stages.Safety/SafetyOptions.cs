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

    /// <summary>Online advisory sources to ask: <c>osv</c> (the OSV API at <see cref="OsvApi"/>), <c>npm</c> (the
    /// registry's bulk advisory endpoint), <c>nuget</c> (the VulnerabilityInfo resource), or <c>none</c>. Null (unset)
    /// means <c>osv</c>: matching runs by default, and <c>safety.json</c> says when the API cannot be reached. The
    /// packages' names and versions are what is sent.</summary>
    public List<string>? OnlineAdvisories { get; set; }

    /// <summary>The OSV API's base address.</summary>
    public Uri OsvApi { get; set; } = new("https://api.osv.dev/");

    /// <summary>The online sources in effect: <see cref="OnlineAdvisories"/>, <c>osv</c> when unset, none for <c>none</c>.</summary>
    internal IReadOnlyList<string> EffectiveOnlineAdvisories =>
        OnlineAdvisories is null ? ["osv"]
        : OnlineAdvisories.Select(n => n.Trim().ToLowerInvariant()).Where(n => n.Length > 0 && n != "none").Distinct().ToList();

    /// <summary>The NuGet service index for the <c>nuget</c> source.</summary>
    public Uri NuGetServiceIndex { get; set; } = new("https://api.nuget.org/v3/index.json");

    /// <summary>Where online sources cache what they fetched (NuGet's vulnerability pages); the CLI and server set it
    /// to <c>$NOA_HOME/cache/advisories</c>.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>A Gitleaks-format TOML rule file for the secrets engine (with <c>[extend] useDefault = true</c> it adds to
    /// the built-in pack); null for the built-in pack.</summary>
    public string? SecretsConfig { get; set; }

    /// <summary>A baseline of accepted secret findings (a JSON list of fingerprints, or a Gitleaks report).</summary>
    public string? SecretsBaseline { get; set; }

    /// <summary>Also run Gitleaks and Trivy when they are installed (on PATH, or at <see cref="GitleaksPath"/> and
    /// <see cref="TrivyPath"/>); their findings merge with ours.</summary>
    public bool ExternalScanners { get; set; } = true;

    /// <summary>The Gitleaks executable; null looks it up on PATH.</summary>
    public string? GitleaksPath { get; set; }

    /// <summary>The Trivy executable; null looks it up on PATH.</summary>
    public string? TrivyPath { get; set; }
}
