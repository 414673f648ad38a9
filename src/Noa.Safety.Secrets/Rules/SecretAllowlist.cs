namespace Noa.Safety.Secrets.Rules;

/// <summary>An exception list: a finding is dropped when the allowlist's checks match (any of them, or all with <see cref="AllowlistCondition.And"/>).</summary>
/// <param name="Description">Why the exception exists.</param>
/// <param name="Condition">Whether any (OR) or every (AND) configured check must match.</param>
/// <param name="RegexTarget">What <paramref name="Regexes"/> are applied to.</param>
/// <param name="Regexes">Patterns (RE2 syntax) that allow a finding.</param>
/// <param name="Paths">Path patterns that allow a finding (or, globally, skip the file).</param>
/// <param name="StopWords">Words that allow a finding when its secret contains one (case-insensitive).</param>
/// <param name="Commits">Commits whose findings are allowed (history scans).</param>
public sealed record SecretAllowlist(
    string? Description,
    AllowlistCondition Condition,
    AllowlistTarget RegexTarget,
    IReadOnlyList<string> Regexes,
    IReadOnlyList<string> Paths,
    IReadOnlyList<string> StopWords,
    IReadOnlyList<string> Commits);

/// <summary>How the checks of an allowlist combine.</summary>
public enum AllowlistCondition
{
    /// <summary>Any check allows the finding.</summary>
    Or,
    /// <summary>Every configured check must match.</summary>
    And,
}

/// <summary>The text an allowlist regex is tested against.</summary>
public enum AllowlistTarget
{
    /// <summary>The secret (capture group).</summary>
    Secret,
    /// <summary>The whole regex match.</summary>
    Match,
    /// <summary>The whole line of the finding.</summary>
    Line,
}
