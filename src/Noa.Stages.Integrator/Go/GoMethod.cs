using Noa.Stages.Integrator.Model;
using Noa.Stages.Integrator.Naming;

namespace Noa.Stages.Integrator.Go;

/// <summary>
/// An operation as a Go method: <c>(ctx, path arguments…, body, params *XParams)</c> → <c>(result, error)</c>. Path
/// parameters are positional, the body is typed by its media type, and query, header and cookie parameters are the
/// fields of one <c>XParams</c> struct (required ones are values, optional ones pointers or nil-able).
/// </summary>
internal sealed class GoMethod
{
    public sealed record Argument(string Name, string Type, ApiParameter Parameter);

    public GoMethod(ApiOperation operation, string name, GoTypes types)
    {
        Operation = operation;
        Name = name;
        var locals = new Identifiers(GoSyntax.Locals, "arg");
        Path = [.. operation.Parameters.Where(p => p.In == ParameterLocation.Path)
            .Select(p => new Argument(locals.For("p:" + p.WireName, GoSyntax.Unexported(p.WireName)), types.Core(p.Type), p))];
        if (operation.Body.Kind != BodyKind.None)
        {
            BodyName = locals.For("body", "payload");
            BodyType = BodyGoType(operation.Body, types);
        }
        var others = operation.Parameters.Where(p => p.In != ParameterLocation.Path).ToList();
        if (others.Count > 0)
        {
            ParamsType = types.Package.For("params:" + operation.Id, name + "Params");
            var fields = new Identifiers(new HashSet<string>(StringComparer.Ordinal), "Field");
            Params = [.. others.Select(p => new Argument(fields.For($"{p.In}:{p.WireName}", GoSyntax.Exported(p.WireName)), types.Field(p.Type, !p.Required), p))];
        }
        Returns = ResultType(operation.Success, types);
    }

    public ApiOperation Operation { get; }

    public string Name { get; }

    public IReadOnlyList<Argument> Path { get; }

    public string? BodyName { get; }

    public string? BodyType { get; }

    public string? ParamsType { get; }

    public IReadOnlyList<Argument> Params { get; } = [];

    /// <summary>The result type, or null when the operation returns only an error.</summary>
    public string? Returns { get; }

    public string Signature()
    {
        var parts = new List<string> { "ctx context.Context" };
        parts.AddRange(Path.Select(a => $"{a.Name} {a.Type}"));
        if (BodyName is not null)
            parts.Add($"{BodyName} {BodyType}");
        if (ParamsType is not null)
            parts.Add($"params *{ParamsType}");
        return string.Join(", ", parts);
    }

    public string Results => Returns is null ? "error" : $"({Returns}, error)";

    /// <summary>The call's arguments after <c>ctx</c> (for a pager forwarding its own).</summary>
    public string Forward(string paramsExpression)
    {
        var parts = new List<string> { "ctx" };
        parts.AddRange(Path.Select(a => a.Name));
        if (BodyName is not null)
            parts.Add(BodyName);
        if (ParamsType is not null)
            parts.Add(paramsExpression);
        return string.Join(", ", parts);
    }

    private static string BodyGoType(ApiBody body, GoTypes types) => body.Kind switch
    {
        BodyKind.Json => body.Required ? types.Core(body.Type) : types.Field(body.Type, optional: true),
        BodyKind.Text => body.Required ? "string" : "*string",
        BodyKind.Multipart when types.IsForm(body) => body.Required ? types.Core(body.Type) : "*" + types.Core(body.Type),
        BodyKind.Form or BodyKind.Multipart => "map[string]any",
        _ => "io.Reader",
    };

    private static string? ResultType(ApiBody body, GoTypes types) => body.Kind switch
    {
        BodyKind.None => null,
        BodyKind.Json => types.IsStruct(body.Type) ? "*" + types.Core(body.Type) : types.Core(body.Type),
        BodyKind.Text => "string",
        BodyKind.EventStream => "*EventStream",
        BodyKind.JsonLines => $"*JSONStream[{types.Field(body.Type, optional: false)}]",
        _ => "[]byte",
    };
}
