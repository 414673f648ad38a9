using Microsoft.OpenApi;
using Noa.Stages.Integrator.Naming;
using OaLocation = Microsoft.OpenApi.ParameterLocation;

namespace Noa.Stages.Integrator.Model;

/// <summary>Adds operations to a model: parameters (path-level ones merged in), the body, responses, security and paging.</summary>
internal sealed class OperationConverter(ApiModel model, SchemaConverter schemas)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public void Add(string path, string method, IOpenApiPathItem item, OpenApiOperation operation, IList<OpenApiSecurityRequirement>? documentSecurity)
    {
        var id = OperationId(path, method, operation.OperationId);
        var pointer = $"#/paths/{path.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}/{method.ToLowerInvariant()}";
        var op = new ApiOperation
        {
            Id = id,
            Method = method,
            Path = path,
            Summary = operation.Summary,
            Description = operation.Description,
            Tags = [.. (operation.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name ?? "").Where(t => t.Length > 0)],
            Deprecated = operation.Deprecated,
            Evidence = operation.Extensions?.TryGetValue(Derived.SpecSynthesis.EvidenceExtension, out var evidence) == true
                && evidence is JsonNodeExtension { Node: System.Text.Json.Nodes.JsonValue value } && value.TryGetValue(out string? where) ? where : null,
        };
        AddParameters(op, item.Parameters, operation.Parameters, pointer);
        if (operation.RequestBody is { Content: { Count: > 0 } content } body)
            op.Body = Body(content, Pascal(id) + "Request", $"{pointer}/requestBody", body.Required, body.Description);
        foreach (var (status, response) in operation.Responses ?? [])
        {
            var hint = Pascal(id) + (status.StartsWith('2') ? "Response" : "Response" + NameWords.Pascal(status));
            var responseBody = response.Content is { Count: > 0 } responseContent
                ? Body(responseContent, hint, $"{pointer}/responses/{status}", true, null)
                : ApiBody.None;
            op.Responses.Add(new ApiResponse(status, responseBody, response.Description));
        }
        foreach (var requirement in operation.Security ?? documentSecurity ?? [])
            op.Security.Add(requirement.ToDictionary(
                r => r.Key.Reference?.Id ?? "", r => (IReadOnlyList<string>)[.. r.Value ?? []], StringComparer.Ordinal));
        op.Paging = Paging.Detect(op, model);
        model.Operations.Add(op);
    }

    private string OperationId(string path, string method, string? given)
    {
        var id = string.IsNullOrWhiteSpace(given) ? method.ToLowerInvariant() + NameWords.Pascal(path.Replace("{", "by ", StringComparison.Ordinal)) : given;
        if (_ids.Add(id))
            return id;
        model.Problems.Add($"{method} {path}: operationId '{id}' repeats an earlier one; named {id}_{method.ToLowerInvariant()} here");
        var unique = $"{id}_{method.ToLowerInvariant()}";
        for (var i = 2; !_ids.Add(unique); i++)
            unique = $"{id}_{method.ToLowerInvariant()}{i}";
        return unique;
    }

    private void AddParameters(ApiOperation op, IList<IOpenApiParameter>? shared, IList<IOpenApiParameter>? own, string pointer)
    {
        var byKey = new Dictionary<(string, OaLocation?), IOpenApiParameter>();
        var order = new List<(string, OaLocation?)>();
        foreach (var parameter in (shared ?? []).Concat(own ?? []))
        {
            if (string.IsNullOrEmpty(parameter.Name))
            {
                model.Problems.Add($"{pointer}/parameters: a parameter without a name (or an unresolved reference); left out");
                continue;
            }
            var key = (parameter.Name, parameter.In);
            if (!byKey.ContainsKey(key))
                order.Add(key);
            byKey[key] = parameter; // the operation's own overrides the path item's
        }
        foreach (var key in order)
        {
            var parameter = byKey[key];
            var location = parameter.In switch
            {
                OaLocation.Path => ParameterLocation.Path,
                OaLocation.Header => ParameterLocation.Header,
                OaLocation.Cookie => ParameterLocation.Cookie,
                _ => ParameterLocation.Query,
            };
            var schema = parameter.Schema ?? parameter.Content?.Values.FirstOrDefault()?.Schema;
            var type = schemas.Convert(schema, Pascal(op.Id) + NameWords.Pascal(parameter.Name!), $"{pointer}/parameters/{parameter.Name}");
            var required = location == ParameterLocation.Path || parameter.Required;
            op.Parameters.Add(new ApiParameter(parameter.Name!, location, type, required, parameter.Description));
        }
        foreach (var name in PathNames(op.Path).Where(n => !op.Parameters.Any(p => p.In == ParameterLocation.Path && p.WireName == n)))
        {
            model.Problems.Add($"{op.Method} {op.Path}: path parameter '{name}' is not declared; added as a string");
            op.Parameters.Add(new ApiParameter(name, ParameterLocation.Path, TypeRef.Of(TypeKind.String), true, null));
        }
    }

    private static IEnumerable<string> PathNames(string path)
    {
        for (var start = path.IndexOf('{', StringComparison.Ordinal); start >= 0; start = path.IndexOf('{', start + 1))
        {
            var end = path.IndexOf('}', start);
            if (end < 0)
                yield break;
            yield return path[(start + 1)..end];
        }
    }

    private ApiBody Body(IDictionary<string, OpenApiMediaType> content, string hint, string pointer, bool required, string? description)
    {
        var (mediaType, kind) = content.Keys.Select(m => (Media: m, Kind: MediaKinds.Of(m))).OrderBy(m => MediaKinds.Preference(m.Kind)).First();
        var schema = content[mediaType].Schema;
        var type = kind switch
        {
            BodyKind.Binary => TypeRef.Of(TypeKind.Binary),
            BodyKind.Text when schema is null => TypeRef.Of(TypeKind.String),
            BodyKind.EventStream or BodyKind.JsonLines when schema is null => TypeRef.Any,
            _ => schemas.Convert(schema, hint, $"{pointer}/content/{mediaType}"),
        };
        if (kind == BodyKind.Json && type.Kind == TypeKind.Binary)
            kind = BodyKind.Binary;
        return new ApiBody(kind, mediaType, type, required, description);
    }

    private static string Pascal(string id) => NameWords.Pascal(id);
}
