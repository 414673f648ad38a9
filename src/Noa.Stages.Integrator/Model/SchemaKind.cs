namespace Noa.Stages.Integrator.Model;

/// <summary>What a named schema declares.</summary>
internal enum SchemaKind
{
    /// <summary>Properties (with <c>allOf</c> members merged in).</summary>
    Object,
    /// <summary>A closed set of string or integer values.</summary>
    Enum,
    /// <summary><c>oneOf</c>/<c>anyOf</c>: one of several variants, told apart by a discriminator when the spec has one.</summary>
    Union,
    /// <summary>Another name for a reference (an array, a map, a primitive).</summary>
    Alias,
}
