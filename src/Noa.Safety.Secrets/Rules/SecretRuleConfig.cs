namespace Noa.Safety.Secrets.Rules;

/// <summary>A parsed Gitleaks-format configuration.</summary>
/// <param name="Title">The config's title.</param>
/// <param name="Rules">Its rules, in file order.</param>
/// <param name="Allowlists">Global allowlists (<c>[allowlist]</c> / <c>[[allowlists]]</c>).</param>
/// <param name="UseDefault">True when <c>[extend] useDefault = true</c>: the default pack is the base.</param>
/// <param name="ExtendPath">A base config file from <c>[extend] path</c>, or null.</param>
/// <param name="DisabledRules">Base rules to drop (<c>[extend] disabledRules</c>).</param>
public sealed record SecretRuleConfig(
    string? Title,
    IReadOnlyList<SecretRule> Rules,
    IReadOnlyList<SecretAllowlist> Allowlists,
    bool UseDefault,
    string? ExtendPath,
    IReadOnlyList<string> DisabledRules);
