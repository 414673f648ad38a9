using System.Text.Json.Nodes;
using Noa.Abstractions.Graph;

namespace Noa.Stages.Integrator.Derived;

/// <summary>
/// JSON Schemas for the types the graph read for a derived spec: a body's or response's type as written, a
/// <c>$ref</c> to <c>components/schemas</c> for a type defined in the source (its fields as properties, named as the
/// framework serialises them: camelCase for C#, as written elsewhere), scalars mapped, lists as arrays, and any other type
/// as <c>{}</c> with a note saying what was written. Security: one scheme per way of sending credentials the code shows
/// (FastAPI's security classes), else one bearer scheme noted as assumed.
/// </summary>
internal sealed class DerivedTypes(IReadOnlyDictionary<string, KgNode> types)
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly JsonObject _schemas = new();
    private readonly JsonObject _securitySchemes = new();

    public JsonObject? Schemas => _schemas.Count == 0 ? null : _schemas;

    public JsonObject? SecuritySchemes => _securitySchemes.Count == 0 ? null : _securitySchemes;

    /// <summary>The schema of a declared type whose element resolved to <paramref name="schemaId"/> (or nothing).</summary>
    public JsonObject Schema(string written, string? schemaId, int depth = 0)
    {
        if (KgTypes.Element(written) is not { } element)
            return Unknown(written);
        var item = schemaId is not null && types.ContainsKey(schemaId) && depth < 8
            ? new JsonObject { ["$ref"] = "#/components/schemas/" + Component(schemaId, depth) }
            : Scalar(element.Name) ?? Unknown(written);
        return element.List ? new JsonObject { ["type"] = "array", ["items"] = item } : item;
    }

    /// <summary>The security requirement of an operation (its schemes, with roles or scopes), registering the schemes.</summary>
    public JsonArray Requirement(IReadOnlyList<KgSecurity> security)
    {
        var requirement = new JsonObject();
        foreach (var s in security)
        {
            var (name, scheme) = Scheme(s);
            _securitySchemes[name] ??= scheme;
            var roles = requirement[name] as JsonArray ?? (JsonArray)(requirement[name] = new JsonArray());
            foreach (var role in s.Roles ?? [])
                if (!roles.Any(r => r!.GetValue<string>() == role))
                    roles.Add(role);
        }
        return [requirement];
    }

    private static (string Name, JsonObject Scheme) Scheme(KgSecurity s)
    {
        var shown = $"{s.Marker}{(s.Scheme is null ? "" : $" ({s.Scheme})")} at {s.File}:{s.Line}";
        return s.Type switch
        {
            "oauth2" or "bearer" or "openIdConnect" => ("bearerAuth", new JsonObject
            {
                ["type"] = "http", ["scheme"] = "bearer",
                ["description"] = $"A bearer token in the Authorization header, as the code's security scheme sends it ({shown}).",
            }),
            "basic" or "digest" => (s.Type + "Auth", new JsonObject { ["type"] = "http", ["scheme"] = s.Type, ["description"] = $"Declared in the source: {shown}." }),
            { } apiKey when apiKey.StartsWith("apiKey:", StringComparison.Ordinal) => ("apiKey" + char.ToUpperInvariant(apiKey[7]) + apiKey[8..], new JsonObject
            {
                ["type"] = "apiKey", ["in"] = apiKey[7..], ["name"] = "Authorization",
                ["description"] = $"An API key ({shown}); its {apiKey[7..]} name is not read from the code: Authorization assumed.",
            }),
            _ => ("auth", new JsonObject
            {
                ["type"] = "http", ["scheme"] = "bearer",
                ["description"] = $"The code requires authorisation ({shown}) without showing how credentials are sent: a bearer token is assumed.",
            }),
        };
    }

    private string Component(string id, int depth)
    {
        if (_names.TryGetValue(id, out var known))
            return known;
        var node = types[id];
        var name = node.Name;
        for (var i = 2; _names.ContainsValue(name); i++)
            name = $"{node.Name}{i}";
        _names[id] = name;
        var properties = new JsonObject();
        var required = new JsonArray();
        var schema = new JsonObject { ["type"] = "object", ["description"] = $"Declared in the source as {node.Name} ({node.File}:{node.Range?.StartLine ?? 1})." };
        _schemas[name] = schema; // before the fields: a type that contains itself refers to this entry
        foreach (var field in node.Fields ?? [])
        {
            var json = node.Language == "csharp" && field.Name.Length > 0 ? char.ToLowerInvariant(field.Name[0]) + field.Name[1..] : field.Name;
            if (properties.ContainsKey(json))
                continue;
            properties[json] = field.Type is null ? new JsonObject() : Schema(field.Type, field.Schema, depth + 1);
            if (field.Required)
                required.Add(json);
        }
        schema["properties"] = properties;
        if (required.Count > 0)
            schema["required"] = required;
        return name;
    }

    private static JsonObject Unknown(string written) => new() { ["description"] = $"Declared in the source as {written}; its shape is not read from the code." };

    /// <summary>A scalar's schema, or null when the name is not one.</summary>
    internal static JsonObject? Scalar(string name) => name switch
    {
        "str" or "string" or "String" or "EmailStr" or "HttpUrl" or "AnyUrl" or "char" or "Char" or "SecretStr" or "CharSequence" => new JsonObject { ["type"] = "string" },
        "dict" or "Dict" or "Map" or "HashMap" or "object" or "Object" or "JsonObject" or "JsonNode" or "Record" => new JsonObject { ["type"] = "object" },
        "Any" or "any" or "unknown" => new JsonObject(),
        _ => SpecSynthesis.Schema(name) is { } s && s["type"]?.GetValue<string>() != "string" || name.ToLowerInvariant() is "guid" or "uuid" or "datetime" or "datetimeoffset" or "date" or "dateonly"
            ? SpecSynthesis.Schema(name)
            : null,
    };
}
