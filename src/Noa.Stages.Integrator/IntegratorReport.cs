using System.Text.Json;
using System.Text.Json.Serialization;
using Noa.Stages.Integrator.Changes;

namespace Noa.Stages.Integrator;

/// <summary><c>sdk/report.json</c>: which specs were read, what each SDK holds, and every problem met on the way.</summary>
internal sealed record IntegratorReport
{
    public const string BundlePath = "sdk/report.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public int SchemaVersion { get; init; } = 1;

    public required List<Api> Apis { get; init; }

    /// <summary>Why no SDK was written, when none was.</summary>
    public string? Note { get; init; }

    public sealed record Api(string Spec, string Title, string Version, int Operations, int Schemas, List<Sdk> Sdks, List<string> Problems)
    {
        /// <summary>Whether the spec was synthesised from the code's routes (<c>sdk/openapi.json</c>).</summary>
        public bool Derived { get; init; }

        /// <summary>The earlier run of the same source the API was compared with, when there was one.</summary>
        public string? PreviousRun { get; init; }

        /// <summary>The highest change level since <see cref="PreviousRun"/> (none, patch, addition, breaking).</summary>
        public ChangeLevel? Change { get; init; }

        /// <summary>How many changes <c>changes.json</c> lists.</summary>
        public int? ChangeCount { get; init; }
    }

    public sealed record Sdk(string Language, string Path, int Files, int Lines);
}
