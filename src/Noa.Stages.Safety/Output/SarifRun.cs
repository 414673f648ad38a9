namespace Noa.Stages.Safety.Output;

/// <summary>One engine's run in <c>safety.sarif</c>, before it is written: engines describe what they found, and
/// <see cref="SarifWriter"/> alone decides how SARIF spells it.</summary>
/// <param name="Tool">The tool's name (<c>noa-rules</c>, <c>secrets</c>).</param>
/// <param name="Rules">Descriptors of the rules its results name; rules named by results but missing here get a bare one.</param>
/// <param name="Results">What it found.</param>
internal sealed record SarifRun(string Tool, IReadOnlyList<SarifRule> Rules, IReadOnlyList<SarifResult> Results);

/// <summary>A rule descriptor.</summary>
/// <param name="Id">The rule id.</param>
/// <param name="Description">One line about what it finds.</param>
/// <param name="HelpUri">Where to read more.</param>
/// <param name="Level">Its default level: error, warning or note.</param>
/// <param name="Tags">Tags (security, CWE ids, OWASP categories).</param>
/// <param name="Precision">low, medium or high.</param>
/// <param name="SecuritySeverity">GitHub code scanning's CVSS-like ranking score.</param>
internal sealed record SarifRule(string Id, string? Description = null, string? HelpUri = null, string? Level = null,
    IReadOnlyList<string>? Tags = null, string? Precision = null, string? SecuritySeverity = null);

/// <summary>One result.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Level">error, warning or note.</param>
/// <param name="Message">One line for people, with every placeholder filled.</param>
/// <param name="Location">A file region, or a package.</param>
/// <param name="Fingerprint">Stable id of the occurrence.</param>
/// <param name="Suppression">The justification of an in-source suppression, if any.</param>
/// <param name="Properties">Extra facts (severity, aliases, tags).</param>
internal sealed record SarifResult(string RuleId, string Level, string Message, SarifLocation Location, string? Fingerprint = null,
    string? Suppression = null, IReadOnlyDictionary<string, object>? Properties = null);

/// <summary>Where a result is: a region of a file (<see cref="Path"/> set), or a logical place such as a package.</summary>
/// <param name="Path">The file, relative to the source root, '/'-separated.</param>
/// <param name="StartLine">1-based; 0 for the whole file.</param>
/// <param name="StartColumn">1-based, in UTF-16 code units; 0 when unknown.</param>
/// <param name="EndLine">0 when unknown.</param>
/// <param name="EndColumn">0 when unknown.</param>
/// <param name="Snippet">The region's text, when known.</param>
/// <param name="Logical">The logical name, when there is no file.</param>
internal sealed record SarifLocation(string? Path, int StartLine = 0, int StartColumn = 0, int EndLine = 0, int EndColumn = 0,
    string? Snippet = null, string? Logical = null)
{
    public static SarifLocation Package(string name) => new(null, Logical: name);
}
