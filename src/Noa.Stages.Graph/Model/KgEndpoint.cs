namespace Noa.Stages.Graph.Model;

/// <summary>What the graph knows of an endpoint: its full path, its parameters and how its path was composed.</summary>
public sealed class KgEndpoint
{
    /// <summary>One HTTP verb (upper case), or ANY when the registration accepts every verb.</summary>
    public required string Method { get; init; }

    /// <summary>The full path as an OpenAPI path template (<c>/api/v1/items/{id}</c>): prefixes joined, a leading slash,
    /// every path parameter as <c>{name}</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The full path in the framework's own syntax (<c>/api/articles/:slug</c>, <c>/items/{id:int}</c>).</summary>
    public required string Route { get; init; }

    /// <summary>Path parameters (from the route) and query, header and cookie parameters (from the handler's signature,
    /// where the framework binds them from it), in order.</summary>
    public List<KgRouteParameter>? Parameters { get; init; }

    /// <summary>How the path was composed, outermost first: each prefix and the route itself, with where it is
    /// written.</summary>
    public required List<KgRouteStep> Composition { get; init; }
}

/// <summary>A parameter of an endpoint.</summary>
/// <param name="Name">The name the request uses.</param>
/// <param name="In"><c>path</c>, <c>query</c>, <c>header</c> or <c>cookie</c> (OpenAPI's <c>in</c>).</param>
/// <param name="Type">The declared type as written, when the signature shows one.</param>
/// <param name="Required">Path parameters always; others when they have no default and are not nullable.</param>
public sealed record KgRouteParameter(string Name, string In, string? Type, bool Required);

/// <summary>One step of an endpoint's path composition.</summary>
/// <param name="Kind"><c>global</c> (an application-wide prefix), <c>version</c> (URI versioning), <c>mount</c> (a
/// prefix given where a router is mounted or included), <c>group</c> (a router's own prefix, or a group made on
/// another), <c>class</c> (a controller's prefix), <c>convention</c> (a conventional route template), <c>route</c>
/// (the registration's own path).</param>
/// <param name="Value">The text this step adds (may be empty: a mount without prefix).</param>
/// <param name="File">The file it is written in.</param>
/// <param name="Line">Its line.</param>
/// <param name="Constant">When the value was a name: <c>NAME = "value" at file:line</c>.</param>
/// <param name="Unresolved">A prefix written as an expression the graph could not resolve to a literal (the path
/// lacks it).</param>
public sealed record KgRouteStep(string Kind, string Value, string File, int Line, string? Constant = null, string? Unresolved = null);
