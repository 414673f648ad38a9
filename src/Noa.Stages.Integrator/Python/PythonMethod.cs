using Noa.Stages.Integrator.Model;
using Noa.Stages.Integrator.Naming;

namespace Noa.Stages.Integrator.Python;

/// <summary>An operation as a Python method: its name and its parameters' identifiers, annotations and defaults.</summary>
internal sealed class PythonMethod
{
    private static readonly IReadOnlySet<string> Reserved = new HashSet<string>(PythonSyntax.Keywords, StringComparer.Ordinal)
    {
        "self", "extra_headers", "response", "cast", "Any", "Optional", "Mapping", "Iterator", "AsyncIterator", "_rt", "asyncio",
    };

    public sealed record Argument(string Name, string Annotation, bool Required, bool Positional, ApiParameter? Parameter);

    public PythonMethod(ApiOperation operation, string name, PythonTypes types)
    {
        Operation = operation;
        Name = name;
        var scope = new Identifiers(Reserved, "arg");
        var arguments = new List<Argument>();
        foreach (var p in operation.Parameters.Where(p => p.In == ParameterLocation.Path))
            arguments.Add(new(scope.For("p:" + p.WireName, NameWords.Snake(p.WireName)), types.Annotation(p.Type), true, true, p));
        if (operation.Body.Kind != BodyKind.None)
        {
            Body = new(scope.For("body", "body"), types.Body(operation.Body, request: true), operation.Body.Required, operation.Body.Required, null);
            arguments.Add(Body);
        }
        foreach (var p in operation.Parameters.Where(p => p.In != ParameterLocation.Path).OrderBy(p => p.Required ? 0 : 1))
            arguments.Add(new(scope.For($"{p.In}:{p.WireName}", NameWords.Snake(p.WireName)), types.Annotation(p.Type), p.Required, false, p));
        Arguments = arguments;
        Returns = types.Body(operation.Success, request: false);
    }

    public ApiOperation Operation { get; }

    public string Name { get; }

    /// <summary>The name of the <c>iter_…</c> method of a paged operation (same scope as <see cref="Name"/>).</summary>
    public string? Pager { get; set; }

    public IReadOnlyList<Argument> Arguments { get; }

    public Argument? Body { get; }

    public string Returns { get; }

    /// <summary>The parameter list after <c>self</c>: positional ones, then keyword-only ones, then <c>extra_headers</c>.</summary>
    public string Signature()
    {
        var parts = new List<string> { "self" };
        parts.AddRange(Arguments.Where(a => a.Positional).Select(Declare));
        parts.Add("*");
        parts.AddRange(Arguments.Where(a => !a.Positional).Select(Declare));
        parts.Add("extra_headers: Optional[Mapping[str, str]] = None");
        return string.Join(", ", parts);
    }

    /// <summary>Arguments forwarding every parameter by name, with one replaced (for paging).</summary>
    public string Forward(string? replaced = null, string? with = null) => string.Join(", ", Arguments
        .Select(a => a.Positional ? (a.Name == replaced ? with! : a.Name) : $"{a.Name}={(a.Name == replaced ? with : a.Name)}")
        .Append("extra_headers=extra_headers"));

    public Argument? ArgumentFor(string wireName) => Arguments.FirstOrDefault(a => a.Parameter?.WireName == wireName && a.Parameter.In == ParameterLocation.Query);

    private static string Declare(Argument a) => a.Required ? $"{a.Name}: {a.Annotation}" : $"{a.Name}: {(a.Annotation.StartsWith("Optional[", StringComparison.Ordinal) || a.Annotation == "Any" ? a.Annotation : $"Optional[{a.Annotation}]")} = None";
}
