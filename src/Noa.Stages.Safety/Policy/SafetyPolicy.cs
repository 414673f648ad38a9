using Noa.Abstractions.Profiles;

namespace Noa.Stages.Safety.Policy;

/// <summary>What the Safety gate allows. The document format is <c>schemas/policy.schema.json</c>.</summary>
public sealed record SafetyPolicy
{
    /// <summary>Format version.</summary>
    public int Version { get; init; } = 1;

    /// <summary>Findings more severe than this fail the gate.</summary>
    public Severity MaxSeverity { get; init; } = Severity.Medium;

    /// <summary>What a secret in the source does to the verdict.</summary>
    public Disposition Secrets { get; init; } = Disposition.Deny;

    /// <summary>Licence rules.</summary>
    public LicensePolicy Licenses { get; init; } = new();

    /// <summary>Accepted findings.</summary>
    public IReadOnlyList<Waiver> Waivers { get; init; } = [];

    /// <summary>Engines whose failure only warns; any other engine that cannot finish fails the gate.</summary>
    public IReadOnlyList<string> AllowFailure { get; init; } = [];

    /// <summary>What an input an engine did not scan does to the verdict, by <see cref="SkipReasons">reason</see>.</summary>
    public IReadOnlyDictionary<string, Disposition> Skipped { get; init; } = SkipReasons.Defaults;

    /// <summary>The most a finding in a test, fixture or example file (its scope in the Classifier's <c>files.json</c>,
    /// <see cref="FileScopes"/>) does to the verdict: warn by default, so such findings are reported without blocking; deny treats
    /// them as product findings. Findings in any other scope, or in a file files.json does not list, get the full policy.</summary>
    public IReadOnlyDictionary<string, Disposition> Scopes { get; init; } = DefaultScopes;

    /// <summary>The scopes (<see cref="FileScopes"/>) a policy's <c>scopes</c> may name.</summary>
    public static IReadOnlyList<string> ScopeNames { get; } = [FileScopes.Test, FileScopes.Fixture, FileScopes.Example];

    /// <summary>Test, fixture and example findings warn.</summary>
    public static IReadOnlyDictionary<string, Disposition> DefaultScopes { get; } =
        ScopeNames.ToDictionary(s => s, _ => Disposition.Warn, StringComparer.Ordinal);
}

/// <summary>Licence rules.</summary>
public sealed record LicensePolicy
{
    /// <summary>SPDX ids that fail the gate.</summary>
    public IReadOnlyList<string> Deny { get; init; } = [];

    /// <summary>When not empty, only these SPDX ids pass.</summary>
    public IReadOnlyList<string> Allow { get; init; } = [];

    /// <summary>What a missing or unparsable licence does.</summary>
    public Disposition Unknown { get; init; } = Disposition.Warn;
}

/// <summary>An accepted finding.</summary>
/// <param name="Id">A rule id, an advisory id or alias, or a finding fingerprint.</param>
/// <param name="Reason">Why it is accepted.</param>
/// <param name="Expires">The last day it applies (UTC).</param>
public sealed record Waiver(string Id, string Reason, DateOnly Expires);

/// <summary>Severity, ordered.</summary>
public enum Severity
{
    /// <summary>Informational.</summary>
    Info,

    /// <summary>Low.</summary>
    Low,

    /// <summary>Medium.</summary>
    Medium,

    /// <summary>High.</summary>
    High,

    /// <summary>Critical.</summary>
    Critical,
}

/// <summary>What a kind of finding does to the verdict.</summary>
public enum Disposition
{
    /// <summary>Ignored.</summary>
    Allow,

    /// <summary>Reported; the verdict is at least <c>warn</c>.</summary>
    Warn,

    /// <summary>Fails the gate.</summary>
    Deny,
}
