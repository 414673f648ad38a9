using Microsoft.OpenApi;

namespace Noa.Stages.Integrator.Model;

/// <summary>Maps OpenAPI security schemes onto the kinds the SDKs implement.</summary>
internal static class SecuritySchemes
{
    /// <summary>The scheme's name in every language's SDK runtime (<c>_runtime.py</c>, <c>runtime.ts</c>, <c>runtime.go</c>).</summary>
    public static string RuntimeName(SecuritySchemeKind kind) => kind switch
    {
        SecuritySchemeKind.Bearer => "bearer",
        SecuritySchemeKind.Basic => "basic",
        SecuritySchemeKind.ApiKeyHeader => "apiKeyHeader",
        SecuritySchemeKind.ApiKeyQuery => "apiKeyQuery",
        SecuritySchemeKind.ApiKeyCookie => "apiKeyCookie",
        SecuritySchemeKind.OAuth2ClientCredentials => "oauth2ClientCredentials",
        SecuritySchemeKind.OAuth2Token => "oauth2Token",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no SDK runtime implements this scheme"),
    };

    public static ApiSecurityScheme? Read(string name, IOpenApiSecurityScheme scheme, List<string> problems)
    {
        var pointer = $"#/components/securitySchemes/{name}";
        switch (scheme.Type)
        {
            case SecuritySchemeType.Http when string.Equals(scheme.Scheme, "bearer", StringComparison.OrdinalIgnoreCase):
                return new(name, SecuritySchemeKind.Bearer, null, null, [], scheme.Description);
            case SecuritySchemeType.Http when string.Equals(scheme.Scheme, "basic", StringComparison.OrdinalIgnoreCase):
                return new(name, SecuritySchemeKind.Basic, null, null, [], scheme.Description);
            case SecuritySchemeType.Http:
                problems.Add($"{pointer}: HTTP scheme '{scheme.Scheme}' is sent as a bearer-style Authorization header the caller fills");
                return new(name, SecuritySchemeKind.Bearer, null, null, [], scheme.Description);
            case SecuritySchemeType.ApiKey when !string.IsNullOrEmpty(scheme.Name):
                var kind = scheme.In switch
                {
                    Microsoft.OpenApi.ParameterLocation.Query => SecuritySchemeKind.ApiKeyQuery,
                    Microsoft.OpenApi.ParameterLocation.Cookie => SecuritySchemeKind.ApiKeyCookie,
                    _ => SecuritySchemeKind.ApiKeyHeader,
                };
                return new(name, kind, scheme.Name, null, [], scheme.Description);
            case SecuritySchemeType.OAuth2:
                var flows = scheme.Flows;
                var scopes = new[] { flows?.ClientCredentials, flows?.AuthorizationCode, flows?.Implicit, flows?.Password }
                    .SelectMany(f => f?.Scopes?.Keys ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                return flows?.ClientCredentials?.TokenUrl is { } tokenUrl
                    ? new(name, SecuritySchemeKind.OAuth2ClientCredentials, null, tokenUrl.ToString(), scopes, scheme.Description)
                    : new(name, SecuritySchemeKind.OAuth2Token, null, null, scopes, scheme.Description);
            case SecuritySchemeType.OpenIdConnect:
                return new(name, SecuritySchemeKind.OAuth2Token, null, null, [], scheme.Description);
            default:
                problems.Add($"{pointer}: scheme type '{scheme.Type}' without what it needs (an API key needs a name); left out");
                return null;
        }
    }
}
