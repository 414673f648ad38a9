using Noa.Stages.Integrator.Model;
using Noa.Stages.Integrator.Naming;

namespace Noa.Stages.Integrator.Go;

/// <summary>
/// Go names and type expressions for the model's types, in one package scope (schemas, enum constants, parameter structs
/// and the runtime's own exported names never collide). Objects and unions are structs, always used through a pointer
/// in fields so recursive schemas compile; aliases are Go aliases, except arrays and maps, which are defined types
/// (<c>type Tree []Tree</c> is legal where an alias would not be).
/// </summary>
internal sealed class GoTypes
{
    private readonly ApiModel _model;

    public GoTypes(ApiModel model)
    {
        _model = model;
        Package = new Identifiers(new HashSet<string>(GoSyntax.RuntimeNames, StringComparer.Ordinal), "Model");
        foreach (var name in model.Schemas.Keys)
            Package.For("schema:" + name, GoSyntax.Exported(name));
    }

    /// <summary>The package scope: every exported top-level name.</summary>
    public Identifiers Package { get; }

    /// <summary>The Go type name of a named schema.</summary>
    public string Name(string schema) => Package.For("schema:" + schema, GoSyntax.Exported(schema));

    public ApiSchema Schema(string name) => _model.Schemas[name];

    /// <summary>What an alias finally names (following alias to alias), or null when the aliases go round in a circle.</summary>
    public TypeRef? Resolve(TypeRef type)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (type.Kind == TypeKind.Named && _model.Schemas.TryGetValue(type.Name!, out var schema) && schema.Kind == SchemaKind.Alias)
        {
            if (!seen.Add(type.Name!))
                return null;
            type = schema.Target ?? TypeRef.Any;
        }
        return type;
    }

    /// <summary>Whether the type is a Go struct (an object or union schema, or an alias of one).</summary>
    public bool IsStruct(TypeRef type) =>
        Resolve(type) is { Kind: TypeKind.Named } resolved && _model.Schemas.TryGetValue(resolved.Name!, out var s)
        && s.Kind is SchemaKind.Object or SchemaKind.Union && !IsMap(s);

    /// <summary>Whether the zero value already means "absent" (slices, maps, interfaces), so no pointer is needed.</summary>
    public bool IsNillable(TypeRef type)
    {
        var resolved = Resolve(type);
        if (resolved is null)
            return true;
        return resolved.Kind switch
        {
            TypeKind.Array or TypeKind.Map or TypeKind.Any or TypeKind.Null or TypeKind.Binary => true,
            TypeKind.Named => _model.Schemas.TryGetValue(resolved.Name!, out var s) && s.Kind == SchemaKind.Object && IsMap(s),
            _ => false,
        };
    }

    /// <summary>
    /// Whether a multipart request is typed as its schema's struct (files are its <c>[]byte</c> fields, sent as file parts
    /// named after the field); else it stays <c>map[string]any</c>.
    /// </summary>
    public bool IsForm(ApiBody body) => _model.FormSchema(body) is { } schema && !IsMap(schema);

    /// <summary>An object schema written as a map: free keys only, or property names a struct tag cannot carry.</summary>
    public static bool IsMap(ApiSchema schema) =>
        schema.Kind == SchemaKind.Object
        && (schema.Properties.Count == 0 && schema.AdditionalProperties is not null || schema.Properties.Any(p => !GoSyntax.IsTagName(p.WireName)));

    /// <summary>The type itself, without optionality.</summary>
    public string Core(TypeRef type) => type.Kind switch
    {
        TypeKind.String => "string",
        TypeKind.Integer => "int64",
        TypeKind.Number => "float64",
        TypeKind.Boolean => "bool",
        TypeKind.Date => "Date",
        TypeKind.DateTime => "time.Time",
        TypeKind.Binary => "[]byte",
        TypeKind.Array => "[]" + Element(type.Element!),
        TypeKind.Map => "map[string]" + Element(type.Element!),
        TypeKind.Named when _model.Schemas.ContainsKey(type.Name!) => Name(type.Name!),
        _ => "any",
    };

    /// <summary>A field, parameter or element that may be absent: a pointer unless the type is nillable already; structs
    /// are always pointers (recursive schemas).</summary>
    public string Field(TypeRef type, bool optional) =>
        !IsNillable(type) && (optional || type.Nullable || IsStruct(type)) ? "*" + Core(type) : Core(type);

    private string Element(TypeRef element) => IsStruct(element) || element.Nullable && !IsNillable(element) ? "*" + Core(element) : Core(element);

    /// <summary>Whether a type's Go expression mentions <c>time.Time</c>.</summary>
    public bool UsesTime(TypeRef type) => type.Kind switch
    {
        TypeKind.DateTime => true,
        TypeKind.Array or TypeKind.Map => UsesTime(type.Element!),
        _ => false,
    };
}
