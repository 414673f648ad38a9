namespace Noa.Safety.Secrets;

/// <summary>A secret found in a file (or a commit's patch). Holds no raw secret: only a redacted form and hashes.</summary>
/// <param name="RuleId">The rule (or external scanner rule) that matched.</param>
/// <param name="Description">The rule's description.</param>
/// <param name="Path">File path, relative to the scanned root, with '/' separators.</param>
/// <param name="Line">1-based line of the secret's start (0 for a path-only rule).</param>
/// <param name="Column">1-based column of the secret's start.</param>
/// <param name="Commit">The commit that added it, for history scans; else null.</param>
/// <param name="Redacted">The secret, redacted to a short prefix.</param>
/// <param name="RedactedMatch">The matched text with the secret redacted.</param>
/// <param name="Fingerprint">Gitleaks-style <c>[commit:]file:rule:line</c>.</param>
/// <param name="ContentFingerprint">Hash of rule, file and secret: stable when the secret moves to another line. Empty when the engine reports no secret (Trivy).</param>
/// <param name="Entropy">Shannon entropy of the secret.</param>
/// <param name="Engines">Which engines reported it: <c>noa</c>, <c>gitleaks</c>, <c>trivy</c>.</param>
/// <param name="Tags">The rule's tags.</param>
public sealed record SecretFinding(
    string RuleId,
    string? Description,
    string Path,
    int Line,
    int Column,
    string? Commit,
    string Redacted,
    string RedactedMatch,
    string Fingerprint,
    string ContentFingerprint,
    double Entropy,
    IReadOnlyList<string> Engines,
    IReadOnlyList<string> Tags);
