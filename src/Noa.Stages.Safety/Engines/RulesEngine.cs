using Noa.Safety.Rules;
using Noa.Stages.Safety.Output;
using Noa.Stages.Safety.Policy;

namespace Noa.Stages.Safety.Engines;

/// <summary>Static analysis: the starter rule pack (tree-sitter queries, <c>Noa.Safety.Rules</c>) over every
/// first-party file of the seven parsed languages. Findings suppressed in the source (<c>nosec</c>,
/// <c>noa:ignore</c>) stay in the SARIF with their suppression and do not reach the gate. A file it could not scan
/// (too large, binary, unreadable, a parse that ran out of time) is listed as skipped.</summary>
internal sealed class RulesEngine : ISafetyEngine, IDisposable
{
    /// <summary>The tool name of the engine's SARIF run.</summary>
    public const string ToolName = "noa-rules";

    private readonly Lazy<RulePack> _pack = new(RulePack.LoadDefault);

    public string Name => "rules";

    public async Task<EngineResult> RunAsync(SafetyInput input, CancellationToken cancellationToken)
    {
        var files = input.Files
            .Where(f => f.Category == "classified" && f.Language is { } l && Grammar(l, f.File.Path) is not null)
            .Select(f => new SourceFile(f.File.Path, Grammar(f.Language!, f.File.Path)!, ct => input.Source.OpenReadAsync(f.File, ct)))
            .ToList();
        var pack = _pack.Value;
        var result = await RuleEngine.ScanAsync(pack, files, null, cancellationToken).ConfigureAwait(false);
        var findings = result.Findings.Where(f => f.Suppression is null).Select(f => new SafetyFinding(
            "rules", f.RuleId, f.Cwe, f.Severity switch { RuleSeverity.Error => Severity.High, RuleSeverity.Warning => Severity.Medium, _ => Severity.Low },
            f.Message, $"{f.Path}:{f.Range.StartLine}", f.Fingerprint) { File = f.Path, Line = f.Range.StartLine, Column = f.Range.StartColumn }).ToList();
        var suppressed = result.Findings.Count - findings.Count;
        var skipped = result.Skipped.Where(s => s.Kind != SkipKind.NoRules).Select(s => new SkippedInput(Name, s.Path, Reason(s.Kind), s.Reason)).ToList();
        return new EngineResult(findings, [], Sarif(pack, result),
            $"{result.FilesScanned} files, {findings.Count} findings" + (suppressed > 0 ? $", {suppressed} suppressed in source" : ""), [])
        {
            Skipped = skipped,
        };
    }

    private static string Reason(SkipKind kind) => kind switch
    {
        SkipKind.TooLarge => SkipReasons.TooLarge,
        SkipKind.Binary => SkipReasons.Binary,
        SkipKind.Timeout => SkipReasons.Timeout,
        _ => SkipReasons.Unreadable,
    };

    // Every rule of the pack is described (with its CWE and OWASP tags and help link); suppressed results are kept,
    // marked as suppressed in source.
    private static SarifRun Sarif(RulePack pack, ScanResult result)
    {
        var rules = pack.Rules.Select(r => new SarifRule(r.Id, r.Message, HelpUri(r), r.Severity.SarifLevel(),
            ["security", .. r.Metadata.Cwe, .. r.Metadata.Owasp],
            r.Metadata.Confidence is "high" or "low" ? r.Metadata.Confidence : "medium",
            r.Severity switch { RuleSeverity.Error => "8.0", RuleSeverity.Warning => "5.0", _ => "2.0" })).ToList();
        var results = result.Findings.Select(f => new SarifResult(f.RuleId, f.Severity.SarifLevel(), f.Message,
            new SarifLocation(f.Path, f.Range.StartLine, f.Range.StartColumn, f.Range.EndLine, f.Range.EndColumn, f.Snippet),
            f.Fingerprint, f.Suppression,
            new Dictionary<string, object>(StringComparer.Ordinal) { ["severity"] = f.Severity.Level(), ["tags"] = f.Cwe })).ToList();
        return new SarifRun(ToolName, rules, results);
    }

    private static string HelpUri(Rule rule) =>
        rule.Metadata.References.FirstOrDefault(r => Uri.IsWellFormedUriString(r, UriKind.Absolute))
        ?? (rule.Metadata.Cwe.FirstOrDefault() is { } cwe
            ? $"https://cwe.mitre.org/data/definitions/{cwe["CWE-".Length..]}.html"
            : "https://cwe.mitre.org/");

    // Linguist's names (files.json) → the rule pack's grammar names.
    private static string? Grammar(string language, string path) => language switch
    {
        "Python" => "python",
        "JavaScript" => "javascript",
        "TypeScript" => "typescript",
        "TSX" => "tsx",
        "Go" => "go",
        "Rust" => "rust",
        "Java" => "java",
        "C#" => "csharp",
        _ => null,
    };

    public void Dispose()
    {
        if (_pack.IsValueCreated)
        {
            _pack.Value.Dispose();
        }
    }
}
