namespace Noa.Stages.Integrator.Model;

/// <summary>
/// A use of a type: a primitive, an array or map of another reference, or a named schema. Objects, enums and unions are
/// always named (inline ones are hoisted with a derived name), so generators only ever print references.
/// </summary>
internal sealed record TypeRef(TypeKind Kind, bool Nullable = false, TypeRef? Element = null, string? Name = null)
{
    public static readonly TypeRef Any = new(TypeKind.Any);

    public static TypeRef Of(TypeKind kind) => new(kind);

    public static TypeRef ArrayOf(TypeRef element) => new(TypeKind.Array, Element: element);

    public static TypeRef MapOf(TypeRef value) => new(TypeKind.Map, Element: value);

    public static TypeRef Named(string name) => new(TypeKind.Named, Name: name);

    public TypeRef AsNullable() => Nullable || Kind is TypeKind.Any or TypeKind.Null ? this : this with { Nullable = true };
}
