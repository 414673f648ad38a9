using System.Text.Json;
using System.Text.Json.Serialization;

namespace Noa.Capsule;

/// <summary>The JSON shape of capsule documents and audit details: camelCase, enums as lower-case strings, no nulls.</summary>
internal static class CapsuleJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
