using System.Text.Json;
using System.Text.Json.Serialization;

namespace Noa.Stages.Integrator;

/// <summary><c>sdk/report.json</c>: which specs were read, what each SDK holds, and every problem met on the way.</summary>
internal sealed record IntegratorReport
{
    public const string BundlePath = "sdk/report.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public int SchemaVersion { get; init; } = 1;

    public required List<Api> Apis { get; init; }

    /// <summary>Why no SDK was written, when none was.</summary>
    public string? Note { get; init; }

    public sealed record Api(string Spec, string Title, string Version, int Operations, int Schemas, List<Sdk> Sdks, List<string> Problems);

    public sealed record Sdk(string Language, string Path, int Files, int Lines);
}
