using Microsoft.Extensions.Options;
using Noa.Safety.Secrets;
using Noa.Safety.Secrets.Adapters;
using Noa.Stages.Safety.Policy;

namespace Noa.Stages.Safety.Engines;

/// <summary>Secrets: our Gitleaks-format rule engine over every file of the snapshot (the scanner itself decides what is
/// binary: a UTF-16 file the Classifier calls binary is still text), merged with Gitleaks and Trivy when they are
/// installed. Secrets are redacted before they leave the scanner; every secret is a high finding. Every file the
/// scanner did not read whole is listed as skipped, with the reason.</summary>
internal sealed class SecretsEngine(IOptions<SafetyOptions> options) : ISafetyEngine
{
    public string Name => "secrets";

    public async Task<EngineResult> RunAsync(SafetyInput input, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var scanner = SecretScanner.Create(new SecretScanOptions { ConfigPath = o.SecretsConfig, BaselinePath = o.SecretsBaseline });
        var files = input.Files
            .Select(f => (f.File.Path, (Func<CancellationToken, Task<Stream>>)(ct => input.Source.OpenReadAsync(f.File, ct))))
            .ToList();
        var ours = await scanner.ScanAsync(files, cancellationToken).ConfigureAwait(false);
        var notes = ours.RuleErrors.Select(e => $"rule {e.RuleId}: {e.Message}").ToList();
        var findings = ours.Findings;
        var engines = new List<string> { "noa" };
        if (o.ExternalScanners && await LocalRootAsync(input, notes, cancellationToken).ConfigureAwait(false) is { } root)
        {
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
            $"{f.Description ?? f.RuleId}: {f.Redacted} (found by {string.Join(", ", f.Engines)})", $"{f.Path}:{f.Line}", f.ContentFingerprint)
        {
            File = f.Path,
            Line = f.Line > 0 ? f.Line : null,
            Column = f.Column > 0 ? f.Column : null,
        }).ToList();
        var skipped = ours.Skipped.Select(s => new SkippedInput(Name, s.Path, Reason(s.Reason), s.Detail)).ToList();
        var summary = $"{ours.FilesScanned} files, {gated.Count} secrets ({string.Join(" + ", engines)})" + (ours.Suppressed > 0 ? $", {ours.Suppressed} in the baseline" : "");
        return new EngineResult(gated, [], null, summary, notes) { Skipped = skipped };
    }

    // The external tools need the snapshot as a folder. When it cannot be written as one (a file name the folder's
    // file system refuses), our scan has still read every file: the tools' absence is a note, not a failure.
    private static async Task<string?> LocalRootAsync(SafetyInput input, List<string> notes, CancellationToken cancellationToken)
    {
        try
        {
            return await input.Source.GetLocalRootAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            notes.Add($"gitleaks and trivy did not run: the snapshot could not be written to a folder ({Printable(e.Message)}); our rules scanned every file");
            return null;
        }
    }

    private static string Printable(string text) => string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));

    private static string Reason(SkipReason reason) => reason switch
    {
        SkipReason.TooLarge => SkipReasons.TooLarge,
        SkipReason.Binary => SkipReasons.Binary,
        SkipReason.AllowlistedPath => SkipReasons.Excluded,
        SkipReason.RegexTimeout => SkipReasons.Timeout,
        _ => SkipReasons.Unreadable,
    };
}
