using System.Text.Json;
using System.Text.Json.Serialization;

namespace Noa.Gateway;

/// <summary>The gateway's JSON: camelCase, enums as camelCase strings, nulls left out; request bodies also reject unknown fields.</summary>
internal static class GatewayJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }

    public static readonly JsonSerializerOptions Bodies = CreateBodies();

    private static JsonSerializerOptions CreateBodies()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.MaxDepth = 32;
        return options;
    }
}
