using Noa.Safety.Secrets.Rules;

namespace Noa.Safety.Secrets;

/// <summary>What a scan found, what it skipped and what it could not use.</summary>
/// <param name="Findings">Findings not suppressed by the baseline, ordered by path, line, rule.</param>
/// <param name="Skipped">Files skipped, with reasons.</param>
/// <param name="RuleErrors">Rules or config parts that could not be used.</param>
/// <param name="Suppressed">Findings the baseline suppressed.</param>
/// <param name="FilesScanned">Files whose content was scanned.</param>
/// <param name="BytesScanned">Bytes of scanned content.</param>
public sealed record SecretScanResult(
    IReadOnlyList<SecretFinding> Findings,
    IReadOnlyList<SkippedFile> Skipped,
    IReadOnlyList<RuleError> RuleErrors,
    int Suppressed,
    int FilesScanned,
    long BytesScanned);
