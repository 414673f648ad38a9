using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Noa.Stages.Classifier;

/// <summary>Source-generated JSON for the classifier's artifacts: camelCase, indented, nulls left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Profile))]
[JsonSerializable(typeof(FileList))]
internal sealed partial class ProfileJson : JsonSerializerContext
{
    // Language names such as C++ and F# stay readable; the artifacts are JSON files, never inlined in HTML.
    private static readonly ProfileJson Readable = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static byte[] Serialize(Profile profile) => JsonSerializer.SerializeToUtf8Bytes(profile, Readable.Profile);

    public static byte[] Serialize(FileList files) => JsonSerializer.SerializeToUtf8Bytes(files, Readable.FileList);
}
