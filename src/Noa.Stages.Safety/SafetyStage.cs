using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Stages.Safety.Engines;
using Noa.Stages.Safety.Output;
using Noa.Stages.Safety.Policy;

namespace Noa.Stages.Safety;

/// <summary>
/// The Safety stage: runs its engines (SBOM, vulnerabilities, secrets, static-analysis rules, licences) side by
/// side, writes <c>safety.sarif</c> (one run per engine) and <c>safety.json</c> (the verdict), and fails its gate
/// when the policy says so — which blocks every stage that needs <c>safety=pass</c> and ends the run blocked, with
/// the gates' reasons in the audit trail.
/// </summary>
public sealed partial class SafetyStage(IEnumerable<ISafetyEngine> engines, IOptions<SafetyOptions> options, IServiceProvider services,
    ILogger<SafetyStage> logger) : IStage
{
    /// <summary>The stage name.</summary>
    public const string StageName = "safety";

    /// <inheritdoc />
    public string Name => StageName;

    /// <inheritdoc />
    public IReadOnlyList<StageDependency> Dependencies => StageCatalogue.Safety.Dependencies;

    /// <inheritdoc />
    public async Task<StageOutcome> ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        if (context.Source is not { } source)
        {
            return StageOutcome.BadInput("The safety stage needs the source snapshot written by intake; the run has none.");
        }
        (SafetyPolicy Policy, string From) policy;
        try
        {
            policy = await ResolvePolicyAsync(context.Request.Policy, cancellationToken).ConfigureAwait(false);
        }
        catch (PolicyException e)
        {
            return StageOutcome.BadInput(e.Message);
        }
        var files = await ClassifiedFilesAsync(source, context.Artifacts, cancellationToken).ConfigureAwait(false);
        var input = new SafetyInput(source, files, context.Artifacts, context.Workspace, ProjectName(context.Request.Source));
        var list = engines.ToList();
        if (!list.Any(e => e.Name == "sbom"))
        {
            input.Packages.TrySetResult([]); // nothing publishes packages: the vulnerability engine must not wait
        }
        var results = await Task.WhenAll(list.Select(e => RunEngineAsync(e, input, cancellationToken))).ConfigureAwait(false);

        var findings = results.SelectMany(r => r.Result.Findings).ToList();
        var licenses = results.SelectMany(r => r.Result.Licenses).ToList();
        var verdict = PolicyEvaluator.Evaluate(policy.Policy, findings, licenses, DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime));
        var failedEngines = results.Where(r => r.Failed).Select(r => r.Engine.Name).ToList();
        if (failedEngines.Count > 0 && verdict.Status == "pass")
        {
            // An engine that could not run is not a pass: never silently wrong.
            verdict = verdict with { Status = "warn" };
        }

        var runs = results.Select(r => r.Result.Sarif ?? Sarif.Run(r.Engine.Name, r.Result.Findings));
        await WriteJsonAsync(context.Artifacts, Sarif.BundlePath, "application/sarif+json", Sarif.Log(runs).ToJsonString(Json), cancellationToken).ConfigureAwait(false);
        var report = SafetyReport.Create(verdict, policy.From, results.Select(r => (r.Engine.Name, r.Result)).ToList(), findings);
        await WriteJsonAsync(context.Artifacts, SafetyReport.BundlePath, "application/json", JsonSerializer.Serialize(report, SafetyReport.Options), cancellationToken).ConfigureAwait(false);

        var summary = $"{verdict.Status}: " + (verdict.Counts.Count == 0 ? "no findings" : string.Join(", ", verdict.Counts.Select(c => $"{c.Value} {c.Key}")));
        if (verdict.Gates.FirstOrDefault(g => g.Decision != "pass") is { } gate)
        {
            var reason = $"{gate.Gate}: {gate.Reason}";
            summary += "; " + (reason.Length > 90 ? reason[..87] + "..." : reason);
        }
        Log.Verdict(logger, context.RunId, verdict.Status, policy.From, findings.Count);
        return verdict.Status == "fail" ? StageOutcome.Gate(verdict.FailureReason, summary) : StageOutcome.Success(summary);
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private async Task<(ISafetyEngine Engine, EngineResult Result, bool Failed)> RunEngineAsync(ISafetyEngine engine, SafetyInput input, CancellationToken cancellationToken)
    {
        try
        {
            return (engine, await engine.RunAsync(input, cancellationToken).ConfigureAwait(false), false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.EngineFailed(logger, engine.Name, e);
            if (engine.Name == "sbom")
            {
                input.Packages.TrySetResult([]);
            }
            return (engine, EngineResult.Empty("failed", $"{engine.Name} failed: {e.Message}"), true);
        }
    }

    // The request's named policy (which must exist), else a stored "default", else the configured file, else the
    // embedded default.
    private async Task<(SafetyPolicy, string)> ResolvePolicyAsync(string? name, CancellationToken cancellationToken)
    {
        var store = services.GetService<IPolicyStore>();
        if (name is not null)
        {
            var named = store is null ? null : await store.GetPolicyAsync(name, cancellationToken).ConfigureAwait(false);
            return named is null
                ? throw new PolicyException($"The request names policy '{name}', which is not stored (PUT /admin/policies/{name} stores it).")
                : (PolicyLoader.Parse(named.Content, $"policy '{name}'"), $"stored policy '{name}'");
        }
        if (store is not null && await store.GetPolicyAsync("default", cancellationToken).ConfigureAwait(false) is { } stored)
        {
            return (PolicyLoader.Parse(stored.Content, "policy 'default'"), "stored policy 'default'");
        }
        if (options.Value.PolicyFile is { } file)
        {
            var text = File.Exists(file) ? await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)
                : throw new PolicyException($"{SafetyOptions.Section}:PolicyFile {file} does not exist.");
            return (PolicyLoader.Parse(text, file), $"file {file}");
        }
        return (PolicyLoader.Default, "policies/default.yaml (embedded)");
    }

    private static async Task<IReadOnlyList<ClassifiedFile>> ClassifiedFilesAsync(ISourceTree source, IRunArtifacts artifacts, CancellationToken cancellationToken)
    {
        var byPath = await FileCategories.ReadAsync(artifacts, cancellationToken).ConfigureAwait(false);
        return source.Files.Select(f => byPath?.GetValueOrDefault(f.Path) is { } c ? new ClassifiedFile(f, c.Category, c.Language) : new ClassifiedFile(f, "classified", null)).ToList();
    }

    private static async Task WriteJsonAsync(IRunArtifacts artifacts, string path, string mediaType, string json, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        await artifacts.WriteAsync(path, content, mediaType, cancellationToken).ConfigureAwait(false);
    }

    private static string ProjectName(string source)
    {
        var trimmed = source.TrimEnd('/', '\\');
        var name = Path.GetFileName(trimmed.EndsWith(".git", StringComparison.Ordinal) ? trimmed[..^4] : trimmed);
        return string.IsNullOrEmpty(name) || name == "." ? "source" : name;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Run {RunId}: safety {Status} under {Policy} ({Findings} findings)")]
        public static partial void Verdict(ILogger logger, string runId, string status, string policy, int findings);

        [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Safety engine {Engine} failed")]
        public static partial void EngineFailed(ILogger logger, string engine, Exception exception);
    }
}
