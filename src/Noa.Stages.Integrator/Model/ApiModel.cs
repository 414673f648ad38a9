namespace Noa.Stages.Integrator.Model;

/// <summary>
/// One API in language-neutral terms: what every SDK generator reads. Built from an OpenAPI document
/// (<see cref="OpenApiModelReader"/>); what could not be read is listed in <see cref="Problems"/>, never thrown.
/// </summary>
internal sealed class ApiModel
{
    public required string Title { get; init; }

    /// <summary>The spec's <c>info.version</c>; the version the SDKs are written with once <see cref="Changes.ApiHistory"/> has compared digests.</summary>
    public required string Version { get; set; }

    public string? Description { get; init; }

    /// <summary>Whether the document was synthesised from the code's routes (<c>x-noa-derived</c>) rather than written by the API's authors.</summary>
    public bool Derived { get; init; }

    /// <summary>Server URLs as the spec lists them (variables replaced by their defaults).</summary>
    public List<string> Servers { get; } = [];

    public List<ApiOperation> Operations { get; } = [];

    /// <summary>Named schemas, by name, in the order they were met.</summary>
    public Dictionary<string, ApiSchema> Schemas { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ApiSecurityScheme> SecuritySchemes { get; } = new(StringComparer.Ordinal);

    /// <summary>What could not be read or was changed to make the model valid, each naming where (a JSON pointer or operation).</summary>
    public List<string> Problems { get; } = [];

    /// <summary>
    /// The object schema a multipart request body is typed from (every SDK types its fields, files as the language's
    /// bytes or streams), or null when the body is no plain object schema with properties (open to other keys, nullable,
    /// or no schema): then the SDKs take a free map.
    /// </summary>
    public ApiSchema? FormSchema(ApiBody body) =>
        body.Kind == BodyKind.Multipart && body.Type is { Kind: TypeKind.Named, Nullable: false } type
        && Schemas.TryGetValue(type.Name!, out var schema)
        && schema is { Kind: SchemaKind.Object, Nullable: false, AdditionalProperties: null, Properties.Count: > 0 }
            ? schema : null;
}
