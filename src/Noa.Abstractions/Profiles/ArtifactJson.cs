using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Noa.Abstractions.Profiles;

/// <summary>
/// Source-generated JSON of the artifact contracts (camelCase, nulls left out), used by the stage that writes an artifact and by
/// every stage that reads it: no second, hand-written reader.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Profile))]
[JsonSerializable(typeof(FileList))]
public sealed partial class ArtifactJson : JsonSerializerContext
{
    /// <summary>The context the artifacts are written and read with: language names such as C++ and F# stay readable (the artifacts are
    /// JSON files, never inlined in HTML).</summary>
    public static ArtifactJson Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
    });
}
