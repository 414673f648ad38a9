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
internal sealed partial class SafetyStage(IEnumerable<ISafetyEngine> engines, IOptions<SafetyOptions> options, IServiceProvider services,
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
        // The Classifier's files.json decides each file's scope (test, fixture, example…); without it (or for a file it does not list) a
        // finding has no scope and counts as product: the full policy, never a guess from the path.
        var byPath = await FileCategories.ReadAsync(context.Artifacts, cancellationToken).ConfigureAwait(false);
        var files = ClassifiedFiles(source, byPath);
        var input = new SafetyInput(source, files, context.Artifacts, context.Workspace, ProjectName(context.Request.Source));
        var list = engines.ToList();
        if (!list.Any(e => e.Name == "sbom"))
        {
            input.Packages.TrySetResult([]); // nothing publishes packages: the vulnerability engine must not wait
        }
        var results = await Task.WhenAll(list.Select(e => RunEngineAsync(e, input, cancellationToken))).ConfigureAwait(false);

        var findings = results.SelectMany(r => r.Result.Findings)
            .Select(f => f.File is { } path && f.Scope is null && byPath?.GetValueOrDefault(path) is { } entry ? f with { Scope = entry.Scope } : f).ToList();
        var licenses = results.SelectMany(r => r.Result.Licenses).ToList();
        var skipped = results.SelectMany(r => r.Result.Skipped).ToList();
        var failures = results.Where(r => r.Failure is not null).Select(r => r.Failure!).ToList();
        var verdict = PolicyEvaluator.Evaluate(policy.Policy, findings, licenses, DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime), skipped, failures);

        var runs = results.Select(r => r.Result.Sarif ?? SarifWriter.FromFindings(r.Engine.Name, r.Result.Findings));
        await WriteJsonAsync(context.Artifacts, SarifWriter.BundlePath, "application/sarif+json", SarifWriter.Write(runs, ToolVersion), cancellationToken).ConfigureAwait(false);
        var report = SafetyReport.Create(verdict, policy.From, results.Select(r => (r.Engine.Name, r.Result, r.Failure)).ToList(), findings, skipped);
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

    private static readonly string ToolVersion = typeof(SafetyStage).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";

    // An engine that throws has not finished: its failure is kept for the gate (which fails unless the policy allows
    // that engine to fail), never mistaken for "nothing found".
    private async Task<(ISafetyEngine Engine, EngineResult Result, EngineFailure? Failure)> RunEngineAsync(ISafetyEngine engine, SafetyInput input, CancellationToken cancellationToken)
    {
        try
        {
            return (engine, await engine.RunAsync(input, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.EngineFailed(logger, engine.Name, e);
            if (engine.Name == "sbom")
            {
                input.Packages.TrySetResult([]);
            }
            var error = $"{e.GetType().Name}: {e.Message}";
            return (engine, EngineResult.Empty("could not finish", error), new EngineFailure(engine.Name, error));
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

    private static List<ClassifiedFile> ClassifiedFiles(ISourceTree source, IReadOnlyDictionary<string, Noa.Abstractions.Profiles.FileEntry>? byPath) =>
        source.Files.Select(f => byPath?.GetValueOrDefault(f.Path) is { } c ? new ClassifiedFile(f, c.Category, c.Language) : new ClassifiedFile(f, "classified", null)).ToList();

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
        [LoggerMessage(EventId = LogEvents.Verdict, Level = LogLevel.Information, Message = "Run {RunId}: safety {Status} under {Policy} ({Findings} findings)")]
        public static partial void Verdict(ILogger logger, string runId, string status, string policy, int findings);

        [LoggerMessage(EventId = LogEvents.EngineFailed, Level = LogLevel.Warning, Message = "Safety engine {Engine} failed")]
        public static partial void EngineFailed(ILogger logger, string engine, Exception exception);
    }
}
