using Noa.Abstractions.Graph;

namespace Noa.Stages.Integrator.Derived;

/// <summary>An <c>endpoint</c> node of kg.json as the spec synthesis needs it: the method, the full path as an OpenAPI template,
/// the parameters the graph read, where the route is registered, and the body, response type and authorisation the code
/// declares.</summary>
internal sealed record KgEndpoint(string Method, string Path, string Route, IReadOnlyList<KgParameter> Parameters, string File, int Line, string? Handler,
    KgTypeUse? Body = null, KgTypeUse? Response = null, IReadOnlyList<KgSecurity>? Security = null);

/// <summary>A parameter of an endpoint: path ones from the route, query/header/cookie ones from the handler's signature.</summary>
/// <param name="Type">The type as written in the source (<c>int</c>, <c>str</c>, <c>Guid</c>), or null.</param>
internal sealed record KgParameter(string Name, string In, string? Type, bool Required);
