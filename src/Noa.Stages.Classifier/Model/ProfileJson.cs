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
    public static byte[] Serialize(Profile profile) => JsonSerializer.SerializeToUtf8Bytes(profile, Default.Profile);

    public static byte[] Serialize(FileList files) => JsonSerializer.SerializeToUtf8Bytes(files, Default.FileList);
}
