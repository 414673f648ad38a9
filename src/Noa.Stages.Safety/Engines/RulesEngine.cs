using System.Text.Json.Nodes;
using Noa.Safety.Rules;
using Noa.Stages.Safety.Policy;

namespace Noa.Stages.Safety.Engines;

/// <summary>Static analysis: the starter rule pack (tree-sitter queries, <c>Noa.Safety.Rules</c>) over every
/// first-party file of the seven parsed languages. Findings suppressed in the source (<c>nosec</c>,
/// <c>noa:ignore</c>) stay in the SARIF with their suppression and do not reach the gate.</summary>
internal sealed class RulesEngine : ISafetyEngine, IDisposable
{
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
        using var sarif = new MemoryStream();
        SarifWriter.Write(sarif, pack, result);
        var run = (JsonNode.Parse(sarif.ToArray())!["runs"]![0]!.DeepClone()).AsObject();
        var findings = result.Findings.Where(f => f.Suppression is null).Select(f => new SafetyFinding(
            "rules", f.RuleId, f.Cwe, f.Severity switch { RuleSeverity.Error => Severity.High, RuleSeverity.Warning => Severity.Medium, _ => Severity.Low },
            f.Message, $"{f.Path}:{f.Range.StartLine}", f.Fingerprint)).ToList();
        var suppressed = result.Findings.Count - findings.Count;
        var notes = result.Skipped.Where(s => !s.Reason.StartsWith("no rules", StringComparison.Ordinal)).Take(50).Select(s => $"{s.Path}: {s.Reason}").ToList();
        return new EngineResult(findings, [], run,
            $"{result.FilesScanned} files, {findings.Count} findings" + (suppressed > 0 ? $", {suppressed} suppressed in source" : ""), notes);
    }

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
