using Microsoft.Extensions.Options;
using Noa.Safety.Secrets;
using Noa.Safety.Secrets.Adapters;
using Noa.Stages.Safety.Policy;

namespace Noa.Stages.Safety.Engines;

/// <summary>Secrets: our Gitleaks-format rule engine over every non-binary file, merged with Gitleaks and Trivy when
/// they are installed. Secrets are redacted before they leave the scanner; every secret is a high finding.</summary>
internal sealed class SecretsEngine(IOptions<SafetyOptions> options) : ISafetyEngine
{
    public string Name => "secrets";

    public async Task<EngineResult> RunAsync(SafetyInput input, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var scanner = SecretScanner.Create(new SecretScanOptions { ConfigPath = o.SecretsConfig, BaselinePath = o.SecretsBaseline });
        var files = input.Files.Where(f => f.Category != "binary")
            .Select(f => (f.File.Path, (Func<CancellationToken, Task<Stream>>)(ct => input.Source.OpenReadAsync(f.File, ct))))
            .ToList();
        var ours = await scanner.ScanAsync(files, cancellationToken).ConfigureAwait(false);
        var notes = ours.RuleErrors.Select(e => $"rule {e.RuleId}: {e.Message}").ToList();
        var findings = ours.Findings;
        var engines = new List<string> { "noa" };
        if (o.ExternalScanners)
        {
            var root = await input.Source.GetLocalRootAsync(cancellationToken).ConfigureAwait(false);
            foreach (var external in new[]
                     {
                         await new GitleaksAdapter(o.GitleaksPath).ScanAsync(root, o.SecretsConfig, ct: cancellationToken).ConfigureAwait(false),
                         await new TrivyAdapter(o.TrivyPath).ScanAsync(root, ct: cancellationToken).ConfigureAwait(false),
                     })
            {
                switch (external.Status)
                {
                    case ExternalScanStatus.Completed:
                        findings = SecretFindings.Merge(findings, external.Findings);
                        engines.Add(external.Tool);
                        break;
                    case ExternalScanStatus.NotInstalled:
                        notes.Add($"{external.Tool} is not installed: only our rules ran for it ({external.Detail})");
                        break;
                    default:
                        notes.Add($"{external.Tool} failed: {external.Detail}");
                        break;
                }
            }
        }
        var gated = findings.Select(f => new SafetyFinding("secrets", f.RuleId, [], Severity.High,
            $"{f.Description ?? f.RuleId}: {f.Redacted} (found by {string.Join(", ", f.Engines)})", $"{f.Path}:{f.Line}", f.ContentFingerprint)).ToList();
        var summary = $"{ours.FilesScanned} files, {gated.Count} secrets ({string.Join(" + ", engines)})" + (ours.Suppressed > 0 ? $", {ours.Suppressed} in the baseline" : "");
        return new EngineResult(gated, [], null, summary, notes);
    }
}
