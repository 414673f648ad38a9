namespace Noa.Stages.Integrator.Model;

/// <summary>The shapes a type reference can take, independent of any language.</summary>
internal enum TypeKind
{
    /// <summary>Anything JSON (no schema, or one the model could not read).</summary>
    Any,
    String,
    Integer,
    Number,
    Boolean,
    /// <summary>A calendar date (<c>format: date</c>), sent as an ISO 8601 string.</summary>
    Date,
    /// <summary>A timestamp (<c>format: date-time</c>), sent as an RFC 3339 string.</summary>
    DateTime,
    /// <summary>Raw bytes: a binary body or download.</summary>
    Binary,
    Array,
    /// <summary>An object with free keys (<c>additionalProperties</c> only).</summary>
    Map,
    /// <summary>One of the model's named schemas.</summary>
    Named,
    /// <summary>JSON <c>null</c> only.</summary>
    Null,
}
