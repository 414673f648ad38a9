using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Noa.Stages.Safety.Engines;
using Noa.Stages.Safety.Policy;

namespace Noa.Stages.Safety.Output;

/// <summary><c>safety.json</c>: the verdict, the policy it came from, each engine's status, summary and notes, the
/// findings (secrets already redacted by their engine) and every input an engine did not scan, with the reason.</summary>
public sealed record SafetyReport(int Version, string Status, string Policy, SortedDictionary<string, int> Counts,
    IReadOnlyList<GateDecision> Gates, IReadOnlyList<WaivedFinding> Waived, IReadOnlyList<Waiver> ExpiredWaivers,
    IReadOnlyList<EngineSummary> Engines, IReadOnlyList<SafetyFinding> Findings, IReadOnlyList<SkippedInput> Skipped)
{
    /// <summary>Bundle path.</summary>
    public const string BundlePath = "safety.json";

    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    internal static SafetyReport Create(Verdict verdict, string policy, IReadOnlyList<(string Name, EngineResult Result, EngineFailure? Failure)> engines,
        IReadOnlyList<SafetyFinding> findings, IReadOnlyList<SkippedInput> skipped) =>
        new(1, verdict.Status, policy, verdict.Counts, verdict.Gates, verdict.Waived, verdict.ExpiredWaivers,
            engines.Select(e => new EngineSummary(e.Name, e.Failure is null ? "completed" : "failed", e.Result.Summary, e.Result.Findings.Count,
                e.Result.Skipped.Count, e.Result.Notes)).ToList(),
            findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Engine, StringComparer.Ordinal).ThenBy(f => f.Location, StringComparer.Ordinal).ToList(),
            skipped.OrderBy(s => s.Engine, StringComparer.Ordinal).ThenBy(s => s.Reason, StringComparer.Ordinal).ThenBy(s => s.Input, StringComparer.Ordinal).ToList());
}

/// <summary>One engine in <c>safety.json</c>.</summary>
/// <param name="Name">Engine.</param>
/// <param name="Status"><c>completed</c>, or <c>failed</c> when it could not finish (its notes say why).</param>
/// <param name="Summary">One line.</param>
/// <param name="Findings">How many findings it reported.</param>
/// <param name="Skipped">How many inputs it did not scan (listed in <see cref="SafetyReport.Skipped"/>).</param>
/// <param name="Notes">What it could not do.</param>
public sealed record EngineSummary(string Name, string Status, string Summary, int Findings, int Skipped, IReadOnlyList<string> Notes);
