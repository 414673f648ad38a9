using Noa.Stages.Integrator.Model;
using Noa.Stages.Integrator.Naming;

namespace Noa.Stages.Integrator.TypeScript;

/// <summary>
/// An operation as a client method: path parameters positional (in path order), then the body, then a <c>params</c>
/// object with the query, header and cookie parameters under camel-case keys, then <see cref="CallOptions"/>.
/// </summary>
internal sealed class TypeScriptMethod
{
    private static readonly IReadOnlySet<string> Reserved = new HashSet<string>(TypeScriptSyntax.Keywords, StringComparer.Ordinal)
    {
        "params", "options", "response", "body", "M", "rt", "item", "items", "page", "next",
    };

    public sealed record Argument(string Name, string Type, bool Required, ApiParameter? Parameter);

    public TypeScriptMethod(ApiOperation operation, string name, TypeScriptTypes types)
    {
        Operation = operation;
        Name = name;
        var scope = new Identifiers(Reserved, "arg");
        PathArguments = operation.Parameters.Where(p => p.In == ParameterLocation.Path)
            .Select(p => new Argument(scope.For(p.WireName, NameWords.Camel(p.WireName)), types.Annotation(p.Type, "M."), true, p)).ToList();
        if (operation.Body.Kind != BodyKind.None)
            Body = new("body", types.Body(operation.Body, request: true, "M."), operation.Body.Required, null);
        // Keys of the params object: property names, so only uniqueness matters (keywords are legal keys).
        var keys = new Identifiers(new HashSet<string>(StringComparer.Ordinal), "param");
        Params = operation.Parameters.Where(p => p.In != ParameterLocation.Path)
            .Select(p => new Argument(keys.For($"{p.In}:{p.WireName}", NameWords.Camel(p.WireName)), types.Annotation(p.Type, "M."), p.Required, p)).ToList();
        Returns = types.Body(operation.Success, request: false, "M.");
    }

    public ApiOperation Operation { get; }

    public string Name { get; }

    public IReadOnlyList<Argument> PathArguments { get; }

    public Argument? Body { get; }

    public IReadOnlyList<Argument> Params { get; }

    /// <summary>The response type: a value, <c>void</c>, or an async generator for streams.</summary>
    public string Returns { get; }

    public bool Streams => Operation.Success.Kind is BodyKind.EventStream or BodyKind.JsonLines;

    public bool ParamsRequired => Params.Any(p => p.Required);

    /// <summary>The params object's type, written inline.</summary>
    public string ParamsType => "{ " + string.Join(" ", Params.Select(p => $"{p.Name}{(p.Required ? "" : "?")}: {p.Type};")) + " }";

    /// <summary>The declared parameter list. A body that may be left out is <c>body?</c>, unless required params follow it.</summary>
    public string Signature()
    {
        var parts = PathArguments.Select(a => $"{a.Name}: {a.Type}").ToList();
        if (Body is { } body)
            parts.Add(body.Required ? $"body: {body.Type}" : ParamsRequired ? $"body: {body.Type} | undefined" : $"body?: {body.Type}");
        if (Params.Count > 0)
            parts.Add(ParamsRequired ? $"params: {ParamsType}" : $"params: {ParamsType} = {{}}");
        parts.Add("options: rt.CallOptions = {}");
        return string.Join(", ", parts);
    }

    /// <summary>Arguments forwarding every parameter, with the params object given as <paramref name="paramsExpression"/>.</summary>
    public string Forward(string paramsExpression)
    {
        var parts = PathArguments.Select(a => a.Name).ToList();
        if (Body is not null)
            parts.Add("body");
        if (Params.Count > 0)
            parts.Add(paramsExpression);
        parts.Add("options");
        return string.Join(", ", parts);
    }

    public Argument? ParamFor(string wireName) => Params.FirstOrDefault(a => a.Parameter!.WireName == wireName && a.Parameter.In == ParameterLocation.Query);
}
