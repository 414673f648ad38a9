namespace Noa.Abstractions.Graph;

/// <summary>A parameter of an endpoint.</summary>
/// <param name="Name">The name the request uses.</param>
/// <param name="In"><c>path</c>, <c>query</c>, <c>header</c> or <c>cookie</c> (OpenAPI's <c>in</c>).</param>
/// <param name="Type">The declared type as written, when the signature shows one.</param>
/// <param name="Required">Path parameters always; others when they have no default and are not nullable.</param>
public sealed record KgRouteParameter(string Name, string In, string? Type, bool Required);
