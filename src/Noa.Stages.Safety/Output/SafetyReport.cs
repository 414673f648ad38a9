using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Noa.Stages.Safety.Engines;
using Noa.Stages.Safety.Policy;

namespace Noa.Stages.Safety.Output;

/// <summary><c>safety.json</c>: the verdict, the policy it came from, each engine's summary and notes, and the
/// findings (secrets already redacted by their engine).</summary>
public sealed record SafetyReport(int Version, string Status, string Policy, SortedDictionary<string, int> Counts,
    IReadOnlyList<GateDecision> Gates, IReadOnlyList<WaivedFinding> Waived, IReadOnlyList<Waiver> ExpiredWaivers,
    IReadOnlyList<EngineSummary> Engines, IReadOnlyList<SafetyFinding> Findings)
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

    internal static SafetyReport Create(Verdict verdict, string policy, IReadOnlyList<(string Name, EngineResult Result)> engines, IReadOnlyList<SafetyFinding> findings) =>
        new(1, verdict.Status, policy, verdict.Counts, verdict.Gates, verdict.Waived, verdict.ExpiredWaivers,
            engines.Select(e => new EngineSummary(e.Name, e.Result.Summary, e.Result.Findings.Count, e.Result.Notes)).ToList(),
            findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Engine, StringComparer.Ordinal).ThenBy(f => f.Location, StringComparer.Ordinal).ToList());
}

/// <summary>One engine in <c>safety.json</c>.</summary>
/// <param name="Name">Engine.</param>
/// <param name="Summary">One line.</param>
/// <param name="Findings">How many findings it reported.</param>
/// <param name="Notes">What it could not do.</param>
public sealed record EngineSummary(string Name, string Summary, int Findings, IReadOnlyList<string> Notes);
