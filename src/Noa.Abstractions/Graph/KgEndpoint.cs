namespace Noa.Abstractions.Graph;

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

    /// <summary>The request body: the handler parameter the framework binds from it, and its type.</summary>
    public KgTypeUse? Body { get; init; }

    /// <summary>The response's type, where the handler or the framework declares it.</summary>
    public KgTypeUse? Response { get; init; }

    /// <summary>Authorisation the endpoint's code requires (on the handler or its class).</summary>
    public List<KgSecurity>? Security { get; init; }

    /// <summary>How the path was composed, outermost first: each prefix and the route itself, with where it is
    /// written.</summary>
    public required List<KgRouteStep> Composition { get; init; }
}
