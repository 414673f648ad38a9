using System.Text.Json;
using System.Text.Json.Serialization;

namespace Noa.Workflows;

/// <summary>The JSON shape of events and manifests: camelCase, enums as camelCase strings, nulls left out.</summary>
internal static class WorkflowJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
