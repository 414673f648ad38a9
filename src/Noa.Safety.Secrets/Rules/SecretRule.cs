namespace Noa.Safety.Secrets.Rules;

/// <summary>One detection rule in Gitleaks' configuration model.</summary>
/// <param name="Id">Unique rule id, e.g. <c>aws-access-token</c>.</param>
/// <param name="Description">What the rule finds.</param>
/// <param name="Regex">The content pattern (RE2 syntax); null for a path-only rule.</param>
/// <param name="SecretGroup">Capture group holding the secret; 0 means the first non-empty group, else the whole match.</param>
/// <param name="Entropy">Minimum Shannon entropy of the secret, or null.</param>
/// <param name="Keywords">Lowercase words of which one must occur in the content before the regex runs.</param>
/// <param name="Path">Pattern the file path must match, or null.</param>
/// <param name="Tags">Free tags.</param>
/// <param name="Allowlists">Exceptions specific to this rule.</param>
public sealed record SecretRule(
    string Id,
    string? Description,
    string? Regex,
    int SecretGroup,
    double? Entropy,
    IReadOnlyList<string> Keywords,
    string? Path,
    IReadOnlyList<string> Tags,
    IReadOnlyList<SecretAllowlist> Allowlists);
