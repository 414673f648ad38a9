using Noa.Stages.Integrator.Model;
using Noa.Stages.Integrator.Naming;

namespace Noa.Stages.Integrator.TypeScript;

/// <summary>
/// TypeScript types for the model's types. Named types live in <c>models.ts</c> and are written bare there and as
/// <c>M.Name</c> in <c>client.ts</c> (a namespace import), so no schema name can shadow anything the client uses.
/// Dates stay RFC 3339 strings (what JSON carries, round-tripped unchanged), binary bodies are <c>Uint8Array</c>/<c>Blob</c>,
/// and so are the binary fields of a multipart request.
/// </summary>
internal sealed class TypeScriptTypes
{
    private readonly Identifiers _names = new(TypeScriptSyntax.Keywords, "Model", "_");
    private readonly ApiModel _model;

    public TypeScriptTypes(ApiModel model)
    {
        _model = model;
        foreach (var name in model.Schemas.Keys)
            _names.For(name, NameWords.Pascal(name));
    }

    /// <summary>The type name of a named schema.</summary>
    public string Name(string schema) => _names.For(schema, NameWords.Pascal(schema));

    public string Annotation(TypeRef type, string prefix = "")
    {
        var core = type.Kind switch
        {
            TypeKind.String or TypeKind.Date or TypeKind.DateTime or TypeKind.Binary => "string",
            TypeKind.Integer or TypeKind.Number => "number",
            TypeKind.Boolean => "boolean",
            TypeKind.Null => "null",
            TypeKind.Array => Element(Annotation(type.Element!, prefix)) + "[]",
            TypeKind.Map => $"{{ [key: string]: {Annotation(type.Element!, prefix)} }}",
            TypeKind.Named => prefix + Name(type.Name!),
            _ => "unknown",
        };
        return type.Nullable && core is not ("unknown" or "null") ? $"{core} | null" : core;
    }

    /// <summary>A body's type as the client takes or returns it (bytes for binary, async iterables for streams).</summary>
    public string Body(ApiBody body, bool request, string prefix) => body.Kind switch
    {
        BodyKind.None => "void",
        BodyKind.Binary => request ? "Blob | Uint8Array" : "Uint8Array",
        BodyKind.Text => "string",
        BodyKind.Multipart when request => Parts(body, prefix),
        BodyKind.Form or BodyKind.Multipart => "Record<string, unknown>",
        BodyKind.EventStream => request ? "Blob | Uint8Array" : "AsyncGenerator<rt.ServerSentEvent>",
        BodyKind.JsonLines => request ? "Blob | Uint8Array" : $"AsyncGenerator<{Annotation(body.Type, prefix)}>",
        _ => Annotation(body.Type, prefix),
    };

    /// <summary>
    /// A multipart request's fields as an object type, from the body's object schema: binary fields (and arrays of them)
    /// are <c>Blob | Uint8Array</c>, which the runtime sends as file parts; the others keep their schema's type. A body
    /// that is no plain object schema (open to other keys, or no schema) stays <c>Record&lt;string, unknown&gt;</c>.
    /// </summary>
    private string Parts(ApiBody body, string prefix)
    {
        if (_model.FormSchema(body) is not { } schema)
            return "Record<string, unknown>";
        return "{ " + string.Join(" ", schema.Properties.Select(p => $"{TypeScriptSyntax.Key(p.WireName)}{(p.Required ? "" : "?")}: {Part(p.Type, prefix)};")) + " }";
    }

    private string Part(TypeRef type, string prefix)
    {
        var core = type.Kind switch
        {
            TypeKind.Binary => "Blob | Uint8Array",
            TypeKind.Array when type.Element!.Kind == TypeKind.Binary => "(Blob | Uint8Array)[]",
            _ => null,
        };
        return core is null ? Annotation(type, prefix) : type.Nullable ? $"{core} | null" : core;
    }

    /// <summary>A note for types TypeScript spells as plain strings, so a reader knows what the string holds.</summary>
    public static string? Note(TypeRef type) => type.Kind switch
    {
        TypeKind.Date => "A calendar date (ISO 8601 `YYYY-MM-DD` string).",
        TypeKind.DateTime => "A timestamp (RFC 3339 string; `new Date(value)` parses it).",
        TypeKind.Binary => "Bytes, base64-encoded in JSON.",
        _ => null,
    };

    private static string Element(string type) => type.Contains(' ', StringComparison.Ordinal) ? $"({type})" : type;
}
