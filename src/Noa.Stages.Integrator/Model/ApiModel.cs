namespace Noa.Stages.Integrator.Model;

/// <summary>
/// One API in language-neutral terms: what every SDK generator reads. Built from an OpenAPI document
/// (<see cref="OpenApiModelReader"/>); what could not be read is listed in <see cref="Problems"/>, never thrown.
/// </summary>
internal sealed class ApiModel
{
    public required string Title { get; init; }

    public required string Version { get; init; }

    public string? Description { get; init; }

    /// <summary>Server URLs as the spec lists them (variables replaced by their defaults).</summary>
    public List<string> Servers { get; } = [];

    public List<ApiOperation> Operations { get; } = [];

    /// <summary>Named schemas, by name, in the order they were met.</summary>
    public Dictionary<string, ApiSchema> Schemas { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ApiSecurityScheme> SecuritySchemes { get; } = new(StringComparer.Ordinal);

    /// <summary>What could not be read or was changed to make the model valid, each naming where (a JSON pointer or operation).</summary>
    public List<string> Problems { get; } = [];
}
