namespace Noa.Stages.Integrator.Model;

/// <summary>
/// A named type of the API. <see cref="Name"/> is the component name (or a derived one for a hoisted inline schema), not
/// yet an identifier of any language: generators turn it into one.
/// </summary>
internal sealed class ApiSchema(string name, SchemaKind kind)
{
    public string Name { get; } = name;

    public SchemaKind Kind { get; set; } = kind;

    public string? Description { get; set; }

    /// <summary>Object: its properties, <c>allOf</c> members' first, in declaration order.</summary>
    public List<ApiProperty> Properties { get; } = [];

    /// <summary>Object: the type of keys not listed, or null when the schema lists them all (or says nothing).</summary>
    public TypeRef? AdditionalProperties { get; set; }

    /// <summary>Object: the named schemas merged in by <c>allOf</c>.</summary>
    public List<string> Bases { get; } = [];

    /// <summary>Enum: the values as the wire has them (strings, or integers written in invariant culture).</summary>
    public List<string> EnumValues { get; } = [];

    /// <summary>Enum: whether the values are integers.</summary>
    public bool IntegerEnum { get; set; }

    /// <summary>Union: the variants.</summary>
    public List<TypeRef> Variants { get; } = [];

    /// <summary>Union: the property whose value names the variant, when the spec declares one.</summary>
    public string? Discriminator { get; set; }

    /// <summary>Union with a discriminator: its value → the named variant (explicit mapping first, then variant names).</summary>
    public SortedDictionary<string, string> Mapping { get; } = new(StringComparer.Ordinal);

    /// <summary>Alias: the type named.</summary>
    public TypeRef? Target { get; set; }

    /// <summary>Whether the schema itself admits <c>null</c>.</summary>
    public bool Nullable { get; set; }
}
