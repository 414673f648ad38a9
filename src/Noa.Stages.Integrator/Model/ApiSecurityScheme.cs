namespace Noa.Stages.Integrator.Model;

/// <summary>A security scheme: its kind, the header/query/cookie name for API keys, the token URL for client credentials,
/// and the scopes it declares.</summary>
internal sealed record ApiSecurityScheme(string Name, SecuritySchemeKind Kind, string? ParameterName, string? TokenUrl, IReadOnlyList<string> Scopes, string? Description);
