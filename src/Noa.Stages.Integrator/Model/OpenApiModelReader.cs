using Microsoft.OpenApi;

namespace Noa.Stages.Integrator.Model;

/// <summary>
/// Builds an <see cref="ApiModel"/> from a parsed OpenAPI document (2.0, 3.0 and 3.1 all arrive as Microsoft.OpenApi's
/// one object model). Every component schema and every operation is kept; what cannot be read is a problem in the model
/// and the rest still comes through.
/// </summary>
internal static class OpenApiModelReader
{
    public static ApiModel Read(OpenApiDocument document, OperationFilter? filter = null)
    {
        var model = new ApiModel
        {
            Title = string.IsNullOrWhiteSpace(document.Info?.Title) ? "api" : document.Info.Title,
            Version = string.IsNullOrWhiteSpace(document.Info?.Version) ? "0.0.0" : document.Info.Version,
            Description = document.Info?.Description,
            Derived = document.Extensions?.TryGetValue(Derived.SpecSynthesis.DerivedExtension, out var derived) == true
                && derived is JsonNodeExtension { Node: System.Text.Json.Nodes.JsonValue flag } && flag.TryGetValue(out bool isDerived) && isDerived,
        };
        foreach (var server in document.Servers ?? [])
            if (!string.IsNullOrWhiteSpace(server.Url))
                model.Servers.Add(ServerUrl(server));

        var components = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        var schemas = new SchemaConverter(model, components.Keys.ToHashSet(StringComparer.Ordinal));
        foreach (var (name, schema) in components)
            schemas.Component(name, schema);
        foreach (var (name, scheme) in document.Components?.SecuritySchemes ?? new Dictionary<string, IOpenApiSecurityScheme>())
            if (SecuritySchemes.Read(name, scheme, model.Problems) is { } read)
                model.SecuritySchemes[name] = read;

        var operations = new OperationConverter(model, schemas);
        foreach (var (path, item) in document.Paths ?? [])
        {
            if (item?.Operations is null)
                continue;
            foreach (var (method, operation) in item.Operations)
            {
                if (filter is not null && !filter.Includes(path, operation.Tags?.Select(t => t.Name ?? "") ?? []))
                    continue;
                operations.Add(path, method.Method.ToUpperInvariant(), item, operation, document.Security);
            }
        }
        return model;
    }

    private static string ServerUrl(OpenApiServer server)
    {
        var url = server.Url!;
        foreach (var (name, variable) in server.Variables ?? new Dictionary<string, OpenApiServerVariable>())
            url = url.Replace("{" + name + "}", variable.Default ?? "", StringComparison.Ordinal);
        return url;
    }
}
