using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Noa.Stages.Integrator.Model;

/// <summary>
/// Turns OpenAPI schemas into <see cref="TypeRef"/>s and named <see cref="ApiSchema"/>s of one <see cref="ApiModel"/>.
/// Components keep their names; inline objects, enums and unions are hoisted under a name derived from where they
/// appear. A reference is declared before its target is read, so circular references end at the name; nesting past
/// <see cref="MaxDepth"/> becomes <see cref="TypeRef.Any"/> with a problem.
/// </summary>
internal sealed class SchemaConverter(ApiModel model, IReadOnlySet<string> componentNames)
{
    public const int MaxDepth = 64;

    /// <summary>Declares a component schema under its own name (idempotent) and returns a reference to it.</summary>
    public TypeRef Component(string name, IOpenApiSchema? schema)
    {
        if (model.Schemas.TryGetValue(name, out var known))
            return TypeRef.Named(name) with { Nullable = known.Nullable };
        var declared = new ApiSchema(name, SchemaKind.Object);
        model.Schemas[name] = declared;
        if (schema is null)
        {
            model.Problems.Add($"#/components/schemas/{name}: the reference does not resolve; typed as any value");
            (declared.Kind, declared.Target) = (SchemaKind.Alias, TypeRef.Any);
        }
        else if (schema is OpenApiSchemaReference { Reference.Id: { Length: > 0 } other } && other != name)
        {
            // A component that is only a reference to another is another name for it.
            (declared.Kind, declared.Target) = (SchemaKind.Alias, Convert(schema, name, $"#/components/schemas/{name}"));
            declared.Nullable = declared.Target.Nullable;
        }
        else
            Fill(declared, schema, $"#/components/schemas/{name}", 0);
        return TypeRef.Named(name) with { Nullable = declared.Nullable };
    }

    /// <summary>The type of an inline or referenced schema met at <paramref name="pointer"/>; <paramref name="hint"/> names it if it must be hoisted.</summary>
    public TypeRef Convert(IOpenApiSchema? schema, string hint, string pointer, int depth = 0)
    {
        if (schema is null)
            return TypeRef.Any;
        if (depth > MaxDepth)
        {
            model.Problems.Add($"{pointer}: nested deeper than {MaxDepth} levels; typed as any value");
            return TypeRef.Any;
        }
        if (schema is OpenApiSchemaReference reference)
        {
            var id = reference.Reference?.Id;
            if (string.IsNullOrEmpty(id))
            {
                model.Problems.Add($"{pointer}: a reference with no target; typed as any value");
                return TypeRef.Any;
            }
            var target = Resolve(reference);
            var type = Component(id, target);
            return IsNull(schema) ? type.AsNullable() : type;
        }
        if (SingleNullableVariant(schema) is { } only)
            return Convert(only, hint, pointer, depth + 1).AsNullable();
        if (NeedsName(schema))
        {
            var name = UniqueName(hint);
            var declared = new ApiSchema(name, SchemaKind.Object);
            model.Schemas[name] = declared;
            Fill(declared, schema, pointer, depth);
            return TypeRef.Named(name) with { Nullable = declared.Nullable };
        }
        var plain = Plain(schema, hint, pointer, depth);
        return IsNull(schema) ? plain.AsNullable() : plain;
    }

    private static IOpenApiSchema? Resolve(OpenApiSchemaReference reference)
    {
        try
        {
            return reference.Target;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            return null;
        }
    }

    private void Fill(ApiSchema declared, IOpenApiSchema schema, string pointer, int depth)
    {
        declared.Description = schema.Description;
        declared.Nullable = IsNull(schema);
        var variants = schema.OneOf is { Count: > 0 } one ? one : schema.AnyOf is { Count: > 0 } any ? any : null;
        if (SingleNullableVariant(schema) is { } only)
        {
            (declared.Kind, declared.Target, declared.Nullable) = (SchemaKind.Alias, Convert(only, declared.Name, pointer, depth + 1), true);
        }
        else if (variants is not null && !HasOwnProperties(schema))
        {
            FillUnion(declared, schema, variants, pointer, depth);
        }
        else if (schema.Enum is { Count: > 0 } values && EnumValues(values, pointer) is { } enumValues)
        {
            declared.Kind = SchemaKind.Enum;
            declared.IntegerEnum = Types(schema) == JsonSchemaType.Integer || enumValues.All(v => long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) && Types(schema) != JsonSchemaType.String;
            declared.Nullable |= values.Any(v => v is null);
            declared.EnumValues.AddRange(enumValues.Distinct(StringComparer.Ordinal));
        }
        else if (schema.AllOf is { Count: > 0 } || HasOwnProperties(schema))
        {
            FillObject(declared, schema, pointer, depth);
        }
        else
        {
            (declared.Kind, declared.Target) = (SchemaKind.Alias, Plain(schema, declared.Name, pointer, depth));
        }
    }

    private void FillUnion(ApiSchema declared, IOpenApiSchema schema, IList<IOpenApiSchema> variants, string pointer, int depth)
    {
        declared.Kind = SchemaKind.Union;
        for (var i = 0; i < variants.Count; i++)
        {
            if (IsOnlyNull(variants[i]))
            {
                declared.Nullable = true;
                continue;
            }
            var variant = Convert(variants[i], $"{declared.Name}Variant{i + 1}", $"{pointer}/oneOf/{i}", depth + 1);
            if (!declared.Variants.Contains(variant))
                declared.Variants.Add(variant);
        }
        if (schema.Discriminator?.PropertyName is not { Length: > 0 } property)
            return;
        declared.Discriminator = property;
        foreach (var (value, target) in schema.Discriminator.Mapping ?? new Dictionary<string, OpenApiSchemaReference>())
            if (target.Reference?.Id is { Length: > 0 } id)
                declared.Mapping[value] = id;
        // Without an explicit mapping, OpenAPI says the value is the schema's name.
        foreach (var variant in declared.Variants.Where(v => v.Kind == TypeKind.Named && !declared.Mapping.ContainsValue(v.Name!)))
            declared.Mapping.TryAdd(variant.Name!, variant.Name!);
    }

    private void FillObject(ApiSchema declared, IOpenApiSchema schema, string pointer, int depth)
    {
        declared.Kind = SchemaKind.Object;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(ApiProperty property)
        {
            if (seen.TryGetValue(property.WireName, out var at))
                declared.Properties[at] = property; // a later declaration narrows an inherited one
            else
            {
                seen[property.WireName] = declared.Properties.Count;
                declared.Properties.Add(property);
            }
        }
        var members = schema.AllOf ?? [];
        for (var i = 0; i < members.Count; i++)
        {
            if (members[i] is not OpenApiSchemaReference && (HasOwnProperties(members[i]) || members[i].AllOf is { Count: > 0 }))
            {
                // An inline member is part of this schema, not a type of its own: its properties are merged in.
                var part = new ApiSchema(declared.Name, SchemaKind.Object);
                FillObject(part, members[i], $"{pointer}/allOf/{i}", depth + 1);
                foreach (var property in part.Properties)
                    Add(property);
                declared.Bases.AddRange(part.Bases);
                declared.AdditionalProperties ??= part.AdditionalProperties;
                continue;
            }
            var member = Convert(members[i], $"{declared.Name}Part{i + 1}", $"{pointer}/allOf/{i}", depth + 1);
            if (member.Kind == TypeKind.Named && model.Schemas[member.Name!] is { Kind: SchemaKind.Object } inherited)
            {
                if (inherited.Name != declared.Name)
                    declared.Bases.Add(inherited.Name);
                foreach (var property in inherited.Properties)
                    Add(property);
                declared.AdditionalProperties ??= inherited.AdditionalProperties;
            }
            else if (member.Kind != TypeKind.Any)
                model.Problems.Add($"{pointer}/allOf/{i}: only objects can be merged; this member is left out");
        }
        var required = schema.Required ?? new HashSet<string>();
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            var type = Convert(property, declared.Name + Naming.NameWords.Pascal(name), $"{pointer}/properties/{name}", depth + 1);
            Add(new ApiProperty(name, type, required.Contains(name), property.Description, property.ReadOnly, property.WriteOnly));
        }
        // allOf members' required lists apply to inherited properties too.
        for (var i = 0; i < declared.Properties.Count; i++)
            if (!declared.Properties[i].Required && required.Contains(declared.Properties[i].WireName))
                declared.Properties[i] = declared.Properties[i] with { Required = true };
        if (schema.AdditionalProperties is { } extra)
            declared.AdditionalProperties = Convert(extra, declared.Name + "Value", $"{pointer}/additionalProperties", depth + 1);
    }

    private TypeRef Plain(IOpenApiSchema schema, string hint, string pointer, int depth)
    {
        var types = Types(schema);
        if (types is null && (schema.Items is not null))
            types = JsonSchemaType.Array;
        return types switch
        {
            JsonSchemaType.String => schema.Format switch
            {
                "date" => TypeRef.Of(TypeKind.Date),
                "date-time" => TypeRef.Of(TypeKind.DateTime),
                "binary" => TypeRef.Of(TypeKind.Binary),
                _ => TypeRef.Of(TypeKind.String),
            },
            JsonSchemaType.Integer => TypeRef.Of(TypeKind.Integer),
            JsonSchemaType.Number => TypeRef.Of(TypeKind.Number),
            JsonSchemaType.Boolean => TypeRef.Of(TypeKind.Boolean),
            JsonSchemaType.Null => TypeRef.Of(TypeKind.Null),
            JsonSchemaType.Array => TypeRef.ArrayOf(Convert(schema.Items, hint + "Item", $"{pointer}/items", depth + 1)),
            JsonSchemaType.Object => TypeRef.MapOf(schema.AdditionalProperties is { } value
                ? Convert(value, hint + "Value", $"{pointer}/additionalProperties", depth + 1)
                : TypeRef.Any),
            _ => TypeRef.Any,
        };
    }

    /// <summary>The schema's types without <c>null</c>; null when it names none or several.</summary>
    private static JsonSchemaType? Types(IOpenApiSchema schema)
    {
        if (schema.Type is not { } type)
            return null;
        var without = type & ~JsonSchemaType.Null;
        if (without == 0)
            return type == JsonSchemaType.Null ? JsonSchemaType.Null : null;
        return System.Numerics.BitOperations.PopCount((uint)without) == 1 ? without : null;
    }

    private static bool IsNull(IOpenApiSchema schema) => schema.Type is { } t && (t & JsonSchemaType.Null) != 0;

    private static bool IsOnlyNull(IOpenApiSchema schema) => schema.Type == JsonSchemaType.Null;

    private static bool HasOwnProperties(IOpenApiSchema schema) => schema.Properties is { Count: > 0 };

    private static bool NeedsName(IOpenApiSchema schema) =>
        HasOwnProperties(schema) || schema.AllOf is { Count: > 0 } || schema.OneOf is { Count: > 0 } || schema.AnyOf is { Count: > 0 }
        || schema.Enum is { Count: > 0 } && Types(schema) != JsonSchemaType.Boolean;

    /// <summary><c>oneOf: [X, {type: null}]</c> (and anyOf alike) is a nullable X, not a union.</summary>
    private static IOpenApiSchema? SingleNullableVariant(IOpenApiSchema schema)
    {
        var variants = schema.OneOf is { Count: > 0 } one ? one : schema.AnyOf is { Count: > 0 } any ? any : null;
        if (variants is null || HasOwnProperties(schema))
            return null;
        var real = variants.Where(v => !IsOnlyNull(v)).ToList();
        return real.Count == 1 && variants.Count == 2 ? real[0] : null;
    }

    private List<string>? EnumValues(IList<JsonNode> values, string pointer)
    {
        var result = new List<string>(values.Count);
        foreach (var value in values)
        {
            if (value is null)
                continue;
            if (value.GetValueKind() is JsonValueKind.String)
                result.Add(value.GetValue<string>());
            else if (value.GetValueKind() is JsonValueKind.Number && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                result.Add(n.ToString(CultureInfo.InvariantCulture));
            else
            {
                model.Problems.Add($"{pointer}/enum: values other than strings and integers ({value.ToJsonString()}); typed by its base type");
                return null;
            }
        }
        if (result.Count == 0)
            return null;
        var numeric = result.Count(v => long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
        if (numeric != 0 && numeric != result.Count && values.Any(v => v?.GetValueKind() is JsonValueKind.Number))
        {
            model.Problems.Add($"{pointer}/enum: strings and numbers mixed; typed by its base type");
            return null;
        }
        return result;
    }

    private string UniqueName(string hint)
    {
        var name = hint;
        for (var i = 2; model.Schemas.ContainsKey(name) || componentNames.Contains(name); i++)
            name = $"{hint}{i}";
        return name;
    }
}
