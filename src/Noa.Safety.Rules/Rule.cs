namespace Noa.Safety.Rules;

/// <summary>One rule of a pack: a tree-sitter query whose <c>@finding</c> capture is the reported range.</summary>
/// <param name="Id">Stable id, lowercase with dashes (<c>python-eval</c>); what suppressions and waivers name.</param>
/// <param name="Message">The finding's text; <c>$name</c> stands for the text of the capture <c>@name</c>.</param>
/// <param name="Severity">How bad a finding is.</param>
/// <param name="Languages">The grammars the query is written for.</param>
/// <param name="Query">The tree-sitter query.</param>
/// <param name="Metadata">CWE, OWASP, confidence and references.</param>
/// <param name="Tests">Code the rule must flag and code it must not.</param>
public sealed record Rule(
    string Id,
    string Message,
    RuleSeverity Severity,
    IReadOnlyList<string> Languages,
    string Query,
    RuleMetadata Metadata,
    RuleTests Tests);

/// <summary>What a rule is about.</summary>
/// <param name="Cwe">CWE ids, <c>CWE-78</c>.</param>
/// <param name="Owasp">OWASP Top 10 categories, <c>A03:2021 - Injection</c>.</param>
/// <param name="Confidence">How sure a finding is: <c>low</c>, <c>medium</c> or <c>high</c>.</param>
/// <param name="References">Where to read more; the first is the rule's help link.</param>
public sealed record RuleMetadata(
    IReadOnlyList<string> Cwe,
    IReadOnlyList<string> Owasp,
    string Confidence,
    IReadOnlyList<string> References);

/// <summary>A rule's own test: it must find something in <paramref name="Positive"/> and nothing in
/// <paramref name="Negative"/>, in each of its languages.</summary>
/// <param name="Positive">Code with at least one finding.</param>
/// <param name="Negative">Similar code without any.</param>
public sealed record RuleTests(string Positive, string Negative);
