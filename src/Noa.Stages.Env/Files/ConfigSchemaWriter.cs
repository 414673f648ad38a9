using System.Text.Json;
using System.Text.Json.Nodes;
using Noa.Stages.Env.Planning;

namespace Noa.Stages.Env.Files;

/// <summary><c>env/config.schema.json</c>: a JSON Schema (2020-12) of the config surface: each variable the code reads, typed where a
/// settings class declares the type, with its default; variables without a default are required.</summary>
internal static class ConfigSchemaWriter
{
    public static string Write(IReadOnlyList<PlannedApp> apps)
    {
        var properties = new JsonObject();
        var required = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var v in apps.SelectMany(a => a.Plan.Env.Select(e => (App: a.Plan.Name, Var: e))).OrderBy(x => x.Var.Name, StringComparer.Ordinal))
        {
            if (properties.ContainsKey(v.Var.Name))
                continue;
            var type = JsonType(v.Var.Type);
            var property = new JsonObject
            {
                ["type"] = type,
                ["description"] = $"{(v.Var.Secret ? "secret (a file under /run/secrets); " : "")}read by {v.App} at {(v.Var.Evidence.Count > 0 ? string.Join(", ", v.Var.Evidence.Take(3)) : "its settings")}",
            };
            if (v.Var.Default is { } d && !v.Var.Secret && Typed(d, type) is { } typed)
                property["default"] = typed;
            if (v.Var.Default is null && !v.Var.Secret)
                required.Add(v.Var.Name);
            properties[v.Var.Name] = property;
        }
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "Configuration read from the environment",
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]),
        };
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static string JsonType(string? declared) => declared?.Split('|')[0].Trim().ToLowerInvariant() switch
    {
        "int" or "integer" or "int32" or "int64" or "long" => "integer",
        "float" or "double" or "decimal" or "number" => "number",
        "bool" or "boolean" => "boolean",
        _ => "string",
    };

    private static JsonNode? Typed(string value, string type) => type switch
    {
        "integer" => long.TryParse(value, out var i) ? i : null,
        "number" => double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null,
        "boolean" => bool.TryParse(value, out var b) ? b : null,
        _ => value,
    };
}
