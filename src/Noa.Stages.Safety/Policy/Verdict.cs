namespace Noa.Stages.Safety.Policy;

/// <summary>A finding of any engine, as the gate sees it.</summary>
/// <param name="Engine">secrets, vulnerabilities, rules (and external tools' names).</param>
/// <param name="Id">Rule id or advisory id.</param>
/// <param name="Aliases">Other ids (CVE, GHSA).</param>
/// <param name="Severity">Severity.</param>
/// <param name="Message">One line for people.</param>
/// <param name="Location">File and line, or the package and version.</param>
/// <param name="Fingerprint">Stable id of this occurrence, for waivers and baselines.</param>
public sealed record SafetyFinding(string Engine, string Id, IReadOnlyList<string> Aliases, Severity Severity, string Message, string Location, string? Fingerprint)
{
    /// <summary>The file, relative to the source root, when the finding is in one.</summary>
    public string? File { get; init; }

    /// <summary>1-based line in <see cref="File"/>, when known.</summary>
    public int? Line { get; init; }

    /// <summary>1-based column (UTF-16 code units) in <see cref="File"/>, when known.</summary>
    public int? Column { get; init; }

    /// <summary>The file's scope (product, test, fixture, example…), when the Classifier said; the policy's <c>scopes</c>
    /// decide what a finding outside the product does.</summary>
    public string? Scope { get; init; }
}

/// <summary>A licence in use: the project's own or a dependency's.</summary>
/// <param name="Subject"><c>project</c> or a package (purl).</param>
/// <param name="Expression">The SPDX expression, or null when unknown.</param>
public sealed record LicenseUse(string Subject, string? Expression);

/// <summary>One gate's decision.</summary>
/// <param name="Gate">severity, secrets or licenses.</param>
/// <param name="Decision">pass, warn or fail.</param>
/// <param name="Reason">Why, naming the findings that decided it.</param>
public sealed record GateDecision(string Gate, string Decision, string Reason);

/// <summary>A finding a waiver accepted.</summary>
/// <param name="Finding">The finding's id and location.</param>
/// <param name="Waiver">The waiver's id.</param>
/// <param name="Reason">The waiver's reason.</param>
/// <param name="Expires">Its expiry.</param>
public sealed record WaivedFinding(string Finding, string Waiver, string Reason, DateOnly Expires);

/// <summary>The Safety verdict: <c>safety.json</c>.</summary>
/// <param name="Status">pass, warn or fail.</param>
/// <param name="Counts">Findings by severity (waived ones excluded) and secrets.</param>
/// <param name="Gates">Each gate's decision.</param>
/// <param name="Waived">Findings accepted by a waiver.</param>
/// <param name="ExpiredWaivers">Waivers past their date that matched a finding (the finding counted again).</param>
public sealed record Verdict(string Status, SortedDictionary<string, int> Counts, IReadOnlyList<GateDecision> Gates,
    IReadOnlyList<WaivedFinding> Waived, IReadOnlyList<Waiver> ExpiredWaivers)
{
    /// <summary>The gates that failed, as one sentence for the audit trail and the run's reason.</summary>
    public string FailureReason => string.Join("; ", Gates.Where(g => g.Decision == "fail").Select(g => $"{g.Gate}: {g.Reason}"));
}
