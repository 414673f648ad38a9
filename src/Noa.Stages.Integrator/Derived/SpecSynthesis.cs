using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Noa.Stages.Integrator.Naming;

namespace Noa.Stages.Integrator.Derived;

/// <summary>
/// Writes an OpenAPI 3.1 document for a source that has none, from the graph's endpoints: one operation per method and full path,
/// path parameters from the template (typed when the route or handler says so), query/header/cookie parameters the handler's
/// signature binds, and a unique operationId from method and path. The document says it is derived (<c>x-noa-derived</c>) and
/// each operation where it was read (<c>x-noa-evidence: file:line</c>). Bodies and responses are typed where the graph read their
/// types (<see cref="DerivedTypes"/>: the types defined in the source as <c>components/schemas</c>), and operations whose code
/// requires authorisation carry <c>security</c>; elsewhere a JSON response of any shape, and for POST/PUT/PATCH an optional
/// JSON body of any shape. What cannot be an operation (a registration for every
/// verb, a verb OpenAPI has no field for, a second registration of the same operation) is a problem, and the rest still comes.
/// </summary>
internal static partial class SpecSynthesis
{
    public const string BundlePath = "sdk/openapi.json";
    public const string DerivedExtension = "x-noa-derived";
    public const string EvidenceExtension = "x-noa-evidence";

    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    private static readonly HashSet<string> WithBody = new(StringComparer.Ordinal) { "post", "put", "patch" };

    public sealed record Result(JsonObject Document, int Operations, IReadOnlyList<string> Problems);

    public static Result Synthesise(string title, string version, IEnumerable<KgEndpoint> endpoints, IReadOnlyDictionary<string, Noa.Abstractions.Graph.KgNode>? types = null)
    {
        var derived = new DerivedTypes(types ?? new Dictionary<string, Noa.Abstractions.Graph.KgNode>());
        var problems = new List<string>();
        var paths = new JsonObject();
        var pathByShape = new Dictionary<string, string>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var operations = 0;
        foreach (var endpoint in endpoints.OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)
                     .ThenBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line))
        {
            var evidence = $"{endpoint.File}:{endpoint.Line}";
            var method = endpoint.Method.ToLowerInvariant();
            if (!Methods.Contains(method))
            {
                problems.Add(endpoint.Method == "ANY"
                    ? $"{endpoint.Method} {endpoint.Path} ({evidence}): accepts every method; not an operation of the derived spec"
                    : $"{endpoint.Method} {endpoint.Path} ({evidence}): OpenAPI has no operation for this method; left out");
                continue;
            }
            // OpenAPI forbids two templates that differ only in parameter names: the second takes the first one's names.
            var names = TemplateNames(endpoint.Path);
            var shape = TemplateParameter().Replace(endpoint.Path, "{}");
            var path = pathByShape.TryAdd(shape, endpoint.Path) ? endpoint.Path : pathByShape[shape];
            var renamed = TemplateNames(path).Zip(names).Where(p => p.First != p.Second).ToDictionary(p => p.Second, p => p.First, StringComparer.Ordinal);
            var item = paths[path] as JsonObject ?? (JsonObject)(paths[path] = new JsonObject());
            if (item[method] is JsonObject earlier)
            {
                problems.Add($"{endpoint.Method} {path} ({evidence}): registered again; the operation is the one at {earlier[EvidenceExtension]}");
                continue;
            }
            item[method] = Operation(endpoint, method, path, renamed, evidence, ids, derived);
            operations++;
        }
        var document = new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = title,
                ["version"] = version,
                ["description"] = "Derived by noa from the routes registered in the source code (kg.json), not written by its authors: " +
                    "methods, paths and parameters are read from the code; request and response bodies where handler signatures or framework " +
                    "models declare them, and authorisation where the code requires it.",
            },
            [DerivedExtension] = true,
            ["paths"] = paths,
        };
        if (derived.Schemas is not null || derived.SecuritySchemes is not null)
        {
            var components = new JsonObject();
            if (derived.Schemas is { } schemas)
                components["schemas"] = schemas;
            if (derived.SecuritySchemes is { } schemes)
                components["securitySchemes"] = schemes;
            document["components"] = components;
        }
        return new Result(document, operations, problems);
    }

    private static JsonObject Operation(KgEndpoint endpoint, string method, string path, Dictionary<string, string> renamed, string evidence, HashSet<string> ids, DerivedTypes types)
    {
        var parameters = new JsonArray();
        var seen = new HashSet<(string, string)>();
        var declared = new Dictionary<(string, string), KgParameter>();
        foreach (var p in endpoint.Parameters)
            declared.TryAdd((Rename(p.Name, p.In, renamed), p.In), p);
        var routeTypes = RouteTypes(endpoint.Route);
        // Every template name is a path parameter, typed by the handler's signature, else by the route's own converter.
        foreach (var (name, own) in TemplateNames(path).Zip(TemplateNames(endpoint.Path)))
        {
            declared.TryGetValue((name, "path"), out var p);
            seen.Add((name, "path"));
            parameters.Add(Parameter(name, "path", true, p?.Type ?? routeTypes.GetValueOrDefault(own)));
        }
        foreach (var p in endpoint.Parameters.Where(p => p.In is "query" or "header" or "cookie"))
            if (seen.Add((p.Name, p.In)))
                parameters.Add(Parameter(p.Name, p.In, p.Required, p.Type));

        var operation = new JsonObject
        {
            ["operationId"] = OperationId(method, path, ids),
            ["summary"] = $"{endpoint.Method} {endpoint.Route}",
        };
        if (parameters.Count > 0)
            operation["parameters"] = parameters;
        if (endpoint.Body is { } body)
        {
            var schema = types.Schema(body.Type, body.Schema);
            if (body.Name is { } member)
                schema = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { [member] = schema }, ["required"] = new JsonArray(member) };
            operation["requestBody"] = new JsonObject
            {
                ["description"] = $"Declared in the source as {body.Type} ({body.File}:{body.Line}).",
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema } },
            };
        }
        else if (WithBody.Contains(method))
            operation["requestBody"] = new JsonObject
            {
                ["description"] = "Not typed in the source: any JSON value.",
                ["required"] = false,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject() } },
            };
        operation["responses"] = new JsonObject
        {
            ["200"] = endpoint.Response is { } response
                ? new JsonObject
                {
                    ["description"] = $"Declared in the source as {response.Type} ({response.File}:{response.Line}).",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = types.Schema(response.Type, response.Schema) } },
                }
                : new JsonObject
                {
                    ["description"] = "Not typed in the source: the handler's answer, read as JSON.",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject() } },
                },
        };
        if (endpoint.Security is { Count: > 0 } security)
            operation["security"] = types.Requirement(security);
        operation[EvidenceExtension] = evidence;
        return operation;
    }

    /// <summary>
    /// Types the route itself gives its parameters: Flask/Werkzeug converters (<c>&lt;int:id&gt;</c>), ASP.NET constraints
    /// (<c>{id:int}</c>, <c>{id:guid?}</c>) and an Express digits pattern (<c>:id(\d+)</c>).
    /// </summary>
    internal static Dictionary<string, string> RouteTypes(string route)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in FlaskConverter().Matches(route))
            types.TryAdd(m.Groups[2].Value, m.Groups[1].Value);
        foreach (Match m in AspNetConstraint().Matches(route))
            types.TryAdd(m.Groups[1].Value, m.Groups[2].Value);
        foreach (Match m in ExpressDigits().Matches(route))
            types.TryAdd(m.Groups[1].Value, "int");
        return types;
    }

    [GeneratedRegex(@"<(\w+)(?:\([^)]*\))?:(\w+)>")]
    private static partial Regex FlaskConverter();

    [GeneratedRegex(@"\{\*{0,2}(\w+):(\w+)")]
    private static partial Regex AspNetConstraint();

    [GeneratedRegex(@":(\w+)\(\\d\+\)")]
    private static partial Regex ExpressDigits();

    private static string Rename(string name, string location, Dictionary<string, string> renamed) =>
        location == "path" && renamed.TryGetValue(name, out var to) ? to : name;

    private static JsonObject Parameter(string name, string location, bool required, string? type)
    {
        var parameter = new JsonObject { ["name"] = name, ["in"] = location, ["required"] = required || location == "path", ["schema"] = Schema(type) };
        if (type is not null)
            parameter["description"] = $"Declared in the source as {type}.";
        return parameter;
    }

    /// <summary>The JSON Schema of a type as a route or signature writes it, in any of the graph's languages; a string when unknown.</summary>
    internal static JsonObject Schema(string? declared)
    {
        var type = (declared ?? "").Trim();
        foreach (var optional in new[] { "Optional[", "typing.Optional[" })
            if (type.StartsWith(optional, StringComparison.Ordinal) && type.EndsWith(']'))
                type = type[optional.Length..^1];
        type = type.Split('|')[0].Trim().TrimEnd('?');
        if (ArrayElement(type) is { } element)
            return new JsonObject { ["type"] = "array", ["items"] = Schema(element) };
        return type.ToLowerInvariant() switch
        {
            "int" or "integer" or "long" or "short" or "int16" or "int32" or "int64" or "uint" or "ulong" or "i32" or "i64" or "u32" or "u64" or "usize" or "isize" or "biginteger"
                => new JsonObject { ["type"] = "integer" },
            "float" or "double" or "decimal" or "number" or "float32" or "float64" or "f32" or "f64"
                => new JsonObject { ["type"] = "number" },
            "bool" or "boolean" => new JsonObject { ["type"] = "boolean" },
            "guid" or "uuid" => new JsonObject { ["type"] = "string", ["format"] = "uuid" },
            "datetime" or "datetimeoffset" or "date-time" => new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            "date" or "dateonly" => new JsonObject { ["type"] = "string", ["format"] = "date" },
            _ => new JsonObject { ["type"] = "string" },
        };
    }

    private static string? ArrayElement(string type)
    {
        foreach (var (open, close) in new[] { ("list[", "]"), ("List[", "]"), ("List<", ">"), ("IEnumerable<", ">"), ("Array<", ">"), ("[]", "") })
            if (type.StartsWith(open, StringComparison.Ordinal) && type.EndsWith(close, StringComparison.Ordinal) && type.Length > open.Length + close.Length)
                return type[open.Length..^close.Length];
        return type.EndsWith("[]", StringComparison.Ordinal) && type.Length > 2 ? type[..^2] : null;
    }

    private static string OperationId(string method, string path, HashSet<string> ids)
    {
        var words = NameWords.Pascal(TemplateParameter().Replace(path, m => " by " + m.Value[1..^1] + " "));
        var id = method + (words.Length == 0 ? "Root" : words);
        var unique = id;
        for (var i = 2; !ids.Add(unique); i++)
            unique = $"{id}{i}";
        return unique;
    }

    private static List<string> TemplateNames(string path) => [.. TemplateParameter().Matches(path).Select(m => m.Value[1..^1])];

    [GeneratedRegex(@"\{[^{}/]+\}")]
    private static partial Regex TemplateParameter();
}
